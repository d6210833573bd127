package org.juv.examples;

/**
 * A mistake on an example's command line. {@link Main} prints its message and the example's
 * usage line on standard error, and exits with status 2, as command-line tools do.
 */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
