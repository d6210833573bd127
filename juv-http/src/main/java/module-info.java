/** juv's HTTP/1.1: the parser, a server with Node's limits and keep-alive, and a client. */
module org.juv.http {
    requires transitive org.juv.core;
    requires transitive org.juv.net;

    exports org.juv.http;
}
