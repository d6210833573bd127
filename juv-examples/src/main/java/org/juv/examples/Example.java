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
     * Runs the example.
     *
     * @param args the arguments after the example's name
     * @param out  where to print
     * @return the process exit code, 0 for success
     * @throws Exception if the example fails
     */
    int run(String[] args, PrintStream out) throws Exception;
}
