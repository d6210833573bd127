package org.juv.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child processes: libuv's test-spawn.c and test-kill.c behaviours that need only /bin/sh and
 * the programs every system has (cat, sleep, head), against real children.
 */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class ProcessTest {
    @TempDir
    Path dir;

    /** What a child printed and how it ended. */
    private static final class Run {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        long exitStatus = -1;
        int termSignal = -1;

        String text() {
            return out.toString(UTF_8);
        }
    }

    /** Reads {@code pipe} to its EOF into {@code run}, then closes it. */
    private static void collect(Pipe pipe, Run run) {
        pipe.readStart((s, nread, status, buf) -> {
            if (status == ErrorCode.OK) {
                byte[] b = new byte[nread];
                buf.get(b);
                run.out.write(b, 0, nread);
            } else {
                run.events.add("read " + status);
                s.close(null);
            }
        });
    }

    /** Spawns {@code sh -c script} with its stdout piped, on {@code loop}. */
    private static Process sh(Loop loop, String script, Run run) {
        Pipe out = new Pipe(loop);
        Process p = new Process(loop);
        p.spawn(new Process.Options().file("/bin/sh").args("sh", "-c", script)
                .stdio(Process.Stdio.ignore(), Process.Stdio.pipe(out)), (h, status, signal) -> {
                    run.events.add("exit");
                    run.exitStatus = status;
                    run.termSignal = signal;
                    h.close(null);
                });
        collect(out, run);
        return p;
    }

    @Test
    @LibuvTest({"spawn_fails", "spawn_fails_check_for_waitpid_cleanup"})
    void shouldFailWithEnoentForAMissingProgramAndLeaveAHandleToClose(Loop loop) {
        Process p = new Process(loop);
        UvException e = assertThrows(UvException.class,
                () -> p.spawn(new Process.Options().file("/no/such/program"), null));
        assertEquals(ErrorCode.ENOENT, e.code());
        assertEquals(0, p.pid());
        assertFalse(p.isActive());
        p.close(null);
        loop.run(RunMode.DEFAULT);
    }

    @Test
    @LibuvTest("spawn_fails")
    void shouldFailWithEaccesForAFileThatIsNotExecutable(Loop loop) throws Exception {
        Path f = Files.writeString(dir.resolve("data.txt"), "not a program\n");
        Process p = new Process(loop);
        UvException e = assertThrows(UvException.class, () -> p.spawn(new Process.Options().file(f.toString()), null));
        assertEquals(ErrorCode.EACCES, e.code());
        p.close(null);
        loop.run(RunMode.DEFAULT);
    }

    @Test
    @LibuvTest("spawn_exit_code")
    void shouldReportTheExitStatus(Loop loop) {
        Run run = new Run();
        sh(loop, "exit 42", run);
        loop.run(RunMode.DEFAULT);
        assertEquals(42, run.exitStatus);
        assertEquals(0, run.termSignal);
    }

    @Test
    @LibuvTest("spawn_stdout")
    void shouldReadTheChildsOutputToEofThroughAPipe(Loop loop) {
        Run run = new Run();
        sh(loop, "echo hello world", run);
        loop.run(RunMode.DEFAULT);
        assertEquals("hello world\n", run.text());
        assertEquals(0, run.exitStatus);
        assertTrue(run.events.contains("read EOF"), run.events.toString());
    }

    @Test
    @LibuvTest({"spawn_stdin", "spawn_and_ping"})
    void shouldWriteToTheChildsInputAndReadItsAnswer(Loop loop) {
        Pipe in = new Pipe(loop);
        Pipe out = new Pipe(loop);
        Run run = new Run();
        Process p = new Process(loop);
        p.spawn(new Process.Options().file("cat").stdio(Process.Stdio.pipe(in), Process.Stdio.pipe(out)),
                (h, status, signal) -> {
                    run.exitStatus = status;
                    h.close(null);
                });
        collect(out, run);
        in.write(ByteBuffer.wrap("hello-from-spawn_stdin\n".getBytes(UTF_8)), (w, st) -> {
            assertEquals(ErrorCode.OK, st);
            in.shutdown((req, ss) -> in.close(null)); // cat sees EOF and exits
        });
        loop.run(RunMode.DEFAULT);
        assertEquals("hello-from-spawn_stdin\n", run.text());
        assertEquals(0, run.exitStatus);
    }

    @Test
    @LibuvTest("spawn_stdio_greater_than_3")
    void shouldPipeADescriptorAboveTheStandardThree(Loop loop) {
        Pipe fd3 = new Pipe(loop);
        Run run = new Run();
        Process p = new Process(loop);
        p.spawn(new Process.Options().file("/bin/sh").args("sh", "-c", "echo fourth >&3").stdio(
                Process.Stdio.ignore(), Process.Stdio.ignore(), Process.Stdio.ignore(), Process.Stdio.pipe(fd3)),
                (h, status, signal) -> h.close(null));
        collect(fd3, run);
        loop.run(RunMode.DEFAULT);
        assertEquals("fourth\n", run.text());
    }

    @Test
    @LibuvTest({"spawn_ignored_stdio", "spawn_closed_process_io"})
    void shouldGiveAnIgnoredStdinTheEofOfDevNull(Loop loop) {
        Run run = new Run();
        sh(loop, "cat; echo cat-ended", run); // stdin ignored: /dev/null
        loop.run(RunMode.DEFAULT);
        assertEquals("cat-ended\n", run.text());
        assertEquals(0, run.exitStatus);
    }

    @Test
    @LibuvTest({"spawn_and_kill", "spawn_and_kill_with_std"})
    void shouldReportTheSignalThatKilledTheChild(Loop loop) {
        Run run = new Run();
        Process p = sh(loop, "echo started; exec sleep 100", run);
        Timer t = new Timer(loop);
        t.start(tm -> { // once it has printed, it runs
            if (run.text().equals("started\n")) {
                p.kill(15);
                tm.close(null);
            }
        }, 10, 10);
        loop.run(RunMode.DEFAULT);
        assertEquals(0, run.exitStatus);
        assertEquals(15, run.termSignal);
    }

    @Test
    @LibuvTest({"kill", "kill_invalid_signum"})
    void shouldSignalAnyProcessByPidAndRefuseBadSignals(Loop loop) {
        Run run = new Run();
        Process p = sh(loop, "exec sleep 100", run);
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> Process.kill(p.pid(), -1)).code());
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> p.kill(4096)).code());
        Process.kill(p.pid(), 0); // it exists
        Process.kill(p.pid(), 9);
        loop.run(RunMode.DEFAULT);
        assertEquals(9, run.termSignal);
        assertEquals(ErrorCode.ESRCH, assertThrows(UvException.class, () -> p.kill(15)).code());
    }

    @Test
    @LibuvTest("spawn_detached")
    void shouldStartADetachedChildInASessionOfItsOwn(Loop loop) {
        Pipe out = new Pipe(loop);
        Run run = new Run();
        Process p = new Process(loop);
        p.spawn(new Process.Options().file("/bin/sh").args("sh", "-c", "cut -d' ' -f6 /proc/$$/stat")
                .flags(Process.DETACHED).stdio(Process.Stdio.ignore(), Process.Stdio.pipe(out)),
                (h, status, signal) -> h.close(null));
        collect(out, run);
        int pid = p.pid();
        loop.run(RunMode.DEFAULT);
        assertEquals(pid + "\n", run.text(), "the session id is the child's own pid");
    }

    @Test
    @LibuvTest({"spawn_preserve_env", "spawn_empty_env"})
    void shouldPassTheParentsEnvironmentOrTheOneGiven(Loop loop) {
        Run inherited = new Run();
        sh(loop, "echo \"$HOME\"", inherited);
        loop.run(RunMode.DEFAULT);
        assertEquals(System.getenv("HOME") + "\n", inherited.text());

        Pipe out = new Pipe(loop);
        Run given = new Run();
        Process p = new Process(loop);
        p.spawn(new Process.Options().file("/usr/bin/env").env("ONLY=this").stdio(Process.Stdio.ignore(),
                Process.Stdio.pipe(out)), (h, status, signal) -> h.close(null));
        collect(out, given);
        loop.run(RunMode.DEFAULT);
        assertEquals("ONLY=this\n", given.text());

        Pipe out2 = new Pipe(loop);
        Run empty = new Run();
        Process q = new Process(loop);
        q.spawn(new Process.Options().file("/usr/bin/env").env().stdio(Process.Stdio.ignore(),
                Process.Stdio.pipe(out2)), (h, status, signal) -> h.close(null));
        collect(out2, empty);
        loop.run(RunMode.DEFAULT);
        assertEquals("", empty.text());
    }

    @Test
    @LibuvTest({"spawn_reads_child_path", "spawn_relative_path"})
    void shouldFindAProgramInThePathAndRunOneRelativeToTheWorkingDirectory(Loop loop) throws Exception {
        Path script = Files.writeString(dir.resolve("hi.sh"), "#!/bin/sh\npwd\necho \"$1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Pipe out = new Pipe(loop);
        Run run = new Run();
        Process p = new Process(loop);
        p.spawn(new Process.Options().file("./hi.sh").args("hi.sh", "arg one").cwd(dir.toString())
                .stdio(Process.Stdio.ignore(), Process.Stdio.pipe(out)), (h, status, signal) -> h.close(null));
        collect(out, run);
        loop.run(RunMode.DEFAULT);
        assertEquals(dir.toRealPath() + "\narg one\n", run.text());

        Run viaPath = new Run();
        Pipe out2 = new Pipe(loop);
        Process q = new Process(loop);
        q.spawn(new Process.Options().file("sh").args("sh", "-c", "echo found").stdio(Process.Stdio.ignore(),
                Process.Stdio.pipe(out2)), (h, status, signal) -> h.close(null));
        collect(out2, viaPath);
        loop.run(RunMode.DEFAULT);
        assertEquals("found\n", viaPath.text());
    }

    @Test
    @LibuvTest("spawn_exercise_sigchld_issue")
    void shouldReportEveryOneOfManyChildrenThatExitAtOnce(Loop loop) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Run run = new Run();
            runs.add(run);
            sh(loop, "exit " + i, run);
        }
        loop.run(RunMode.DEFAULT);
        for (int i = 0; i < 20; i++) {
            assertEquals(i, runs.get(i).exitStatus);
        }
    }

    @Test
    @LibuvTest({"process_ref", "spawn_auto_unref"})
    void shouldKeepTheLoopAliveUntilTheExitUnlessUnreferenced(Loop loop) {
        Process p = new Process(loop);
        p.spawn(new Process.Options().file("/bin/sh").args("sh", "-c", "exit 0"), null);
        assertTrue(p.isActive());
        loop.run(RunMode.DEFAULT); // returns once the child has exited: the handle is inactive
        assertFalse(p.isActive());
        assertFalse(p.isClosing(), "not closed for the user");
        p.close(null);

        Process q = new Process(loop);
        q.spawn(new Process.Options().file("sleep").args("sleep", "100"), null);
        q.unref();
        loop.run(RunMode.DEFAULT); // returns at once: an unreferenced child does not hold the loop
        assertTrue(q.isActive());
        q.kill(9);
        q.close(null);
        loop.run(RunMode.DEFAULT);
    }

    /**
     * posix_spawnp would read each string only up to a NUL byte and start another program, or
     * pass other arguments, than those given: refused, as Node refuses them.
     */
    @Test
    void shouldRefuseANulByteInTheProgramArgumentsEnvironmentOrDirectoryWithEinval(Loop loop) {
        Process.Options[] bad = {
            new Process.Options().file("/bin/true\0x"),
            new Process.Options().file("/bin/echo").args("/bin/echo", "a\0b"),
            new Process.Options().file("/bin/true").env("A=1\0B=2"),
            new Process.Options().file("/bin/true").cwd("/tmp\0/etc"),
        };
        for (Process.Options o : bad) {
            Process p = new Process(loop);
            UvException e = assertThrows(UvException.class, () -> p.spawn(o, null));
            assertEquals(ErrorCode.EINVAL, e.code());
            assertEquals(0, p.pid(), "nothing started");
            p.close(null);
        }
        loop.run(RunMode.DEFAULT);
    }

    @Test
    @LibuvTest({"spawn_setuid_fails", "spawn_setgid_fails"})
    void shouldRefuseAnotherUserOrGroupId(Loop loop) {
        Process p = new Process(loop);
        UvException e = assertThrows(UvException.class, () -> p.spawn(new Process.Options().file("/bin/true")
                .flags(Process.SETUID).ids(Posix.getuid() + 4242, Posix.getgid()), null));
        assertEquals(ErrorCode.ENOTSUP, e.code());
        p.close(null);
        Pipe shared = new Pipe(loop);
        Process q = new Process(loop);
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> q.spawn(new Process.Options()
                .file("/bin/true").stdio(Process.Stdio.ignore(), Process.Stdio.pipe(shared), Process.Stdio.pipe(shared)),
                null)).code());
        q.close(null);
        shared.close(null);
        loop.run(RunMode.DEFAULT);
    }

    @Test
    void shouldLayOutInheritedDescriptorsWithoutOneSlotOverwritingAnother(Loop loop) throws Exception {
        Pipe out = new Pipe(loop);
        Run run = new Run();
        Process p = new Process(loop);
        // stdout and stderr swapped, and the parent's fd 0 at slot 4 after slot 0 became /dev/null
        p.spawn(new Process.Options().file("/bin/sh").args("sh", "-c",
                "echo \"$(readlink /proc/$$/fd/1) $(readlink /proc/$$/fd/2) $(readlink /proc/$$/fd/4)\" >&3")
                .stdio(Process.Stdio.ignore(), Process.Stdio.inherit(2), Process.Stdio.inherit(1),
                        Process.Stdio.pipe(out), Process.Stdio.inherit(0)), (h, status, signal) -> h.close(null));
        collect(out, run);
        loop.run(RunMode.DEFAULT);
        String fd0 = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
        String fd1 = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
        String fd2 = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
        assertEquals(fd2 + " " + fd1 + " " + fd0 + "\n", run.text());
    }

    @Test
    void shouldGiveTheChildNoDescriptorButItsStdio(Loop loop) throws Exception {
        // The child's descriptors are read from here while it sleeps (posix_spawn returns once
        // the child has run exec). A shell listing its own raced with its own listing: the ends
        // of an `ls | tr` pipeline are still open in the shell while `ls` reads, on a busy machine.
        Pipe out = new Pipe(loop);
        Process p = new Process(loop);
        int[] signal = {0};
        p.spawn(new Process.Options().file("sleep").args("sleep", "30")
                .stdio(Process.Stdio.ignore(), Process.Stdio.pipe(out), Process.Stdio.ignore(), Process.Stdio.ignore()),
                (h, status, sig) -> {
                    signal[0] = sig;
                    h.close(null);
                });
        // The child's own start (its dynamic linker opening libraries) briefly holds descriptor
        // 3 too: a timer lists them every 10 ms until only stdio is left, 10 s at most. An
        // inherited descriptor would stay.
        List<Integer> fds = new ArrayList<>();
        int[] looks = {0};
        Timer look = new Timer(loop);
        look.start(t -> {
            fds.clear();
            try (java.util.stream.Stream<Path> open = Files.list(Path.of("/proc/" + p.pid() + "/fd"))) {
                open.forEach(f -> fds.add(Integer.parseInt(f.getFileName().toString())));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            fds.sort(null);
            if (fds.equals(List.of(0, 1, 2)) || ++looks[0] == 1000) {
                t.close(null);
                p.kill(9);
                out.close(null);
            }
        }, 0, 10);
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of(0, 1, 2), fds, "slot 3 ignored is closed, and none of the JVM's is there");
        assertEquals(9, signal[0], "the child was the sleeping one, killed");
    }

    @Test
    @LibuvTest("process_priority")
    void shouldReadAndSetAChildsPriorityAsTheKernelSeesIt(Loop loop) throws Exception {
        Run run = new Run();
        Process p = sh(loop, "exec sleep 100", run);
        assertEquals(Process.getpriority(0), Process.getpriority(p.pid()), "a child starts at its parent's");
        Process.setpriority(p.pid(), 10);
        assertEquals(10, Process.getpriority(p.pid()));
        String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
        assertEquals("10", stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16], "the kernel's nice field");
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> Process.setpriority(p.pid(), 20)).code());
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> Process.setpriority(p.pid(), -21)).code());
        p.kill(9);
        loop.run(RunMode.DEFAULT);
        assertEquals(ErrorCode.ESRCH, assertThrows(UvException.class, () -> Process.getpriority(p.pid())).code());
        assertEquals(ErrorCode.ESRCH, assertThrows(UvException.class, () -> Process.setpriority(p.pid(), 5)).code());
    }

    @Test
    void shouldGiveAChildJuvsEnvironmentWithItsSetenvChanges(Loop loop) {
        org.juv.core.Os.setenv("JUV_SPAWN_ENV", "seen");
        try {
            Run set = new Run();
            sh(loop, "echo \"[$JUV_SPAWN_ENV]\"", set);
            loop.run(RunMode.DEFAULT);
            assertEquals("[seen]\n", set.text());
            org.juv.core.Os.unsetenv("JUV_SPAWN_ENV");
            Run unset = new Run();
            sh(loop, "echo \"[${JUV_SPAWN_ENV-unset}]\"", unset);
            loop.run(RunMode.DEFAULT);
            assertEquals("[unset]\n", unset.text());
        } finally {
            org.juv.core.Os.unsetenv("JUV_SPAWN_ENV");
        }
    }

    @Test
    void shouldCarryTenMegabytesFromAChildWithBackpressure(Loop loop) {
        Pipe out = new Pipe(loop);
        long[] got = {0};
        int[] pauses = {0};
        boolean[] exitedDuringPause = {false};
        boolean[] exited = {false};
        Process p = new Process(loop);
        p.spawn(new Process.Options().file("head").args("head", "-c", "10000000", "/dev/zero")
                .stdio(Process.Stdio.ignore(), Process.Stdio.pipe(out)), (h, status, signal) -> {
                    exited[0] = true;
                    h.close(null);
                });
        Timer resume = new Timer(loop);
        Stream.ReadCallback[] read = new Stream.ReadCallback[1];
        read[0] = (s, nread, status, buf) -> {
            if (status != ErrorCode.OK) {
                s.close(null);
                resume.close(null);
                return;
            }
            got[0] += nread;
            if (got[0] / 1_000_000 > pauses[0]) { // stop reading a while every megabyte
                pauses[0]++;
                s.readStop();
                boolean first = pauses[0] == 1; // the first pause is long: the child must wait
                resume.start(t -> {
                    if (first) {
                        exitedDuringPause[0] = exited[0];
                    }
                    out.readStart(read[0]);
                }, first ? 300 : 5, 0);
            }
        };
        out.readStart(read[0]);
        loop.run(RunMode.DEFAULT);
        assertEquals(10_000_000, got[0]);
        assertEquals(10, pauses[0]);
        // 9 MB were left when reading stopped for 300 ms: far more than the kernel pipe and the
        // socket pair hold, so a child that could run on would have finished meanwhile.
        assertFalse(exitedDuringPause[0], "the child waited while the loop did not read");
    }
}
