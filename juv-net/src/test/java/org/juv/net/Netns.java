package org.juv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.Assumptions;

/**
 * A network namespace joined to this one by a veth pair, made for one test and removed after it:
 * this side is {@link #hostIp}, the namespace's side {@link #peerIp}, in a /24 of 10.213.x.0 that
 * exists nowhere else. Faults are injected with nftables inside the namespace (random loss,
 * drop-all, TCP resets) and {@code tbf} rate limits on both ends of the pair; this kernel has no
 * {@code netem}. Needs root, {@code ip} (iproute2) and {@code nft} (nftables), which
 * {@code .ci/run} installs; skips loudly only if the kernel refuses to make a namespace.
 */
final class Netns implements AutoCloseable {
    final String name;
    final String hostIp;
    final String peerIp;
    private final String hostIf;
    private final String peerIf;

    private Netns() throws Exception {
        Peer.require("ip");
        Peer.require("nft");
        Peer.require("tc");
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24));
        int subnet = ThreadLocalRandom.current().nextInt(256);
        name = "juv" + id;
        hostIf = "jv" + id + "a";
        peerIf = "jv" + id + "b";
        hostIp = "10.213." + subnet + ".1";
        peerIp = "10.213." + subnet + ".2";
        String made = run(false, "ip", "netns", "add", name);
        Assumptions.assumeTrue(made.isEmpty(), "SKIPPED LOUDLY: this kernel refuses a network namespace (" + made.trim()
                + "); the network-fault tests need root and CONFIG_NET_NS");
        try {
            run(true, "ip", "link", "add", hostIf, "type", "veth", "peer", "name", peerIf);
            run(true, "ip", "link", "set", peerIf, "netns", name);
            run(true, "ip", "addr", "add", hostIp + "/24", "dev", hostIf);
            run(true, "ip", "link", "set", hostIf, "up");
            exec("ip", "addr", "add", peerIp + "/24", "dev", peerIf);
            exec("ip", "link", "set", peerIf, "up");
            exec("ip", "link", "set", "lo", "up");
            exec("nft", "add", "table", "inet", "juv");
            exec("nft", "add", "chain", "inet", "juv", "in", "{ type filter hook input priority 0; }");
            exec("nft", "add", "chain", "inet", "juv", "out", "{ type filter hook output priority 0; }");
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Makes the namespace and its link, or skips loudly where the kernel refuses namespaces. */
    static Netns create() throws Exception {
        return new Netns();
    }

    /** Runs a command in this namespace; fails the test if it fails. */
    void exec(String... command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", name));
        c.addAll(Arrays.asList(command));
        run(true, c.toArray(new String[0]));
    }

    /** Starts a process in this namespace, its output and errors merged. */
    java.lang.Process start(String... command) throws IOException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", name));
        c.addAll(Arrays.asList(command));
        return new ProcessBuilder(c).redirectErrorStream(true).start();
    }

    /** Drops {@code percent} of the packets entering and of those leaving the namespace, at random. */
    void loss(int percent) throws IOException, InterruptedException {
        exec("nft", "add", "rule", "inet", "juv", "in", "numgen", "random", "mod", "100", "<", Integer.toString(percent), "drop");
        exec("nft", "add", "rule", "inet", "juv", "out", "numgen", "random", "mod", "100", "<", Integer.toString(percent), "drop");
    }

    /** Caps both directions of the link at {@code rate} (tc's units, e.g. {@code 10mbit}). */
    void rate(String rate) throws IOException, InterruptedException {
        run(true, "tc", "qdisc", "add", "dev", hostIf, "root", "tbf", "rate", rate, "burst", "32kbit", "latency", "400ms");
        exec("tc", "qdisc", "add", "dev", peerIf, "root", "tbf", "rate", rate, "burst", "32kbit", "latency", "400ms");
    }

    /** From now on, every packet into or out of the namespace is dropped: the peer is a black hole. */
    void blackhole() throws IOException, InterruptedException {
        exec("nft", "add", "rule", "inet", "juv", "in", "drop");
        exec("nft", "add", "rule", "inet", "juv", "out", "drop");
    }

    /** From now on, TCP segments to {@code port} in the namespace are answered with a reset. */
    void resetPort(int port) throws IOException, InterruptedException {
        exec("nft", "add", "rule", "inet", "juv", "in", "tcp", "dport", Integer.toString(port), "reject", "with", "tcp", "reset");
    }

    /** Runs a command here; its output if {@code check} is off, else fails the test on a non-zero exit. */
    private static String run(boolean check, String... command) throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + ": still running after 30 s");
        }
        if (check) {
            assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        }
        return p.exitValue() == 0 ? "" : out.isEmpty() ? "exit " + p.exitValue() : out;
    }

    /** Removes the namespace, and with it the veth pair and every rule. */
    @Override
    public void close() throws IOException {
        try {
            run(false, "ip", "netns", "del", name);
            run(false, "ip", "link", "del", hostIf); // gone with the namespace already, normally
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while removing namespace " + name, e);
        }
    }
}
