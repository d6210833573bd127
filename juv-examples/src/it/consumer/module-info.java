/** A program that uses juv as a library: its modules, on the module path. */
module consumer {
    requires org.juv.net;
    requires org.juv.fs;
    requires org.juv.observe;
}
