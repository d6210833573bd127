package org.juv.examples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An example's command line: {@code --name value} options, each with a default, and positional
 * arguments. An option whose default is a number only takes a number; one whose default is
 * {@code null} is required. Every mistake is a
 * {@link UsageException} that says what is wrong.
 */
final class Args {
    private final Map<String, String> options;
    private final List<String> positional;

    private Args(Map<String, String> options, List<String> positional) {
        this.options = options;
        this.positional = positional;
    }

    /**
     * Parses {@code args}.
     *
     * @param args     the arguments after the example's name
     * @param defaults every option the example takes, with its default, in usage order
     * @param min      the fewest positional arguments
     * @param max      the most positional arguments
     * @return the parsed line, defaults filled in
     * @throws UsageException for an unknown option, a missing or malformed value, or a wrong
     *                        number of positional arguments
     */
    static Args parse(String[] args, Map<String, String> defaults, int min, int max) throws UsageException {
        Map<String, String> options = new LinkedHashMap<>(defaults);
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.equals("--")) {
                positional.add(a);
                continue;
            }
            String name = a.substring(2);
            if (!defaults.containsKey(name)) {
                throw new UsageException("unknown option " + a);
            }
            if (i + 1 == args.length) {
                throw new UsageException("option " + a + " needs a value");
            }
            String value = args[++i];
            if (defaults.get(name) != null && isNumber(defaults.get(name)) && !isNumber(value)) {
                throw new UsageException("option " + a + " takes a number, not '" + value + "'");
            }
            options.put(name, value);
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getValue() == null) {
                throw new UsageException("option --" + e.getKey() + " is required");
            }
        }
        if (positional.size() < min || positional.size() > max) {
            throw new UsageException(max == 0 ? "unexpected argument '" + positional.get(0) + "'"
                    : positional.size() < min ? "missing argument" : "too many arguments");
        }
        return new Args(options, Collections.unmodifiableList(positional));
    }

    /** Digits only, and small enough for a {@code long}. */
    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the usage text of a set of options: {@code [--name default] ...}.
     *
     * @param defaults the options with their defaults
     * @return the text
     */
    static String synopsis(Map<String, String> defaults) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : defaults.entrySet()) {
            if (e.getValue() == null) { // required
                b.append(" --").append(e.getKey()).append(' ').append(e.getKey().toUpperCase(java.util.Locale.ROOT));
            } else {
                b.append(" [--").append(e.getKey()).append(' ').append(e.getValue()).append(']');
            }
        }
        return b.toString().trim();
    }

    /** Every option, defaults filled in. */
    Map<String, String> options() {
        return options;
    }

    String get(String name) {
        return options.get(name);
    }

    List<String> positional() {
        return positional;
    }

    /**
     * Returns an option that is a TCP or UDP port.
     *
     * @param name the option
     * @return the port, 0 to 65535
     * @throws UsageException if it is out of range
     */
    int port(String name) throws UsageException {
        return intIn(name, 0, 65535);
    }

    /**
     * Returns a numeric option that must lie in a range.
     *
     * @param name the option
     * @param min  the smallest value allowed
     * @param max  the largest value allowed
     * @return the value
     * @throws UsageException if it is outside the range
     */
    int intIn(String name, int min, int max) throws UsageException {
        long v = Long.parseLong(options.get(name)); // a number: parse() checked it
        if (v < min || v > max) {
            throw new UsageException("option --" + name + " must be " + min + " to " + max + ", not " + v);
        }
        return (int) v;
    }
}
