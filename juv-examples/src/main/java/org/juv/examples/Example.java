package org.juv.examples;

import java.io.PrintStream;

/**
 * One runnable example: a subcommand of the examples jar.
 */
public interface Example {
    /**
     * Returns a one-line description for the usage message.
     *
     * @return the description
     */
    String description();

    /**
     * Returns what follows the example's name on its command line, for the usage message: its
     * options with their defaults and its arguments ({@code ""} for none).
     *
     * @return the synopsis
     */
    String synopsis();

    /**
     * Runs the example. {@code --help} never reaches it: {@link Main} answers that.
     *
     * @param args the arguments after the example's name
     * @param out  where the example's output goes
     * @param err  where its error messages go
     * @return the process exit code: 0 for success, 1 for a failure the example reported
     * @throws UsageException if the command line is wrong (exit status 2)
     * @throws Exception      if the example fails otherwise
     */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
