package io.otp4j.sysops;

import java.io.IOException;
import java.net.IDN;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a grant allows: file access under a folder, running one executable, or reaching hosts and ports.
 * Paths are made real (symlinks resolved) when the permission is built, so that they compare with the real
 * paths of requests.
 */
public sealed interface Permission permits Permission.Folder, Permission.Exec, Permission.Net {

    /** @return the permission in the policy file's words (after the subject) */
    String describe();

    /**
     * Access to everything under a folder (the folder included), compared component by component:
     * {@code /srv/in} does not cover {@code /srv/inbox}.
     *
     * @param access what may be done
     * @param folder the folder, absolute; made real if it exists
     */
    record Folder(Set<FileAccess> access, Path folder) implements Permission {
        /**
         * @throws IllegalArgumentException if {@code access} is empty or the folder is relative
         */
        public Folder {
            access = Set.copyOf(access);
            folder = realFolder(folder);
            if (access.isEmpty()) {
                throw new IllegalArgumentException("a file permission needs at least one access");
            }
        }

        /**
         * @param folder the folder
         * @param first an access
         * @param more more
         * @return the permission
         */
        public static Folder of(Path folder, FileAccess first, FileAccess... more) {
            return new Folder(EnumSet.of(first, more), folder);
        }

        @Override
        public String describe() {
            return "file " + access.stream().sorted().map(FileAccess::word).collect(Collectors.joining(","))
                    + " " + folder;
        }
    }

    /**
     * Running one executable.
     *
     * @param executable its absolute path; made real if it exists
     * @param arguments which argument lists are allowed
     * @param environment the names of the environment variables a request may set (never one of
     *     {@link #NEVER_PASSED} and its kind)
     */
    record Exec(Path executable, ArgumentRule arguments, Set<String> environment) implements Permission {
        /** @throws IllegalArgumentException if the executable is relative */
        public Exec {
            executable = realFolder(executable);
            Objects.requireNonNull(arguments, "arguments");
            environment = Set.copyOf(environment);
        }

        /**
         * @param executable the executable
         * @param arguments which argument lists
         * @return the permission, with no environment variables
         */
        public static Exec of(Path executable, ArgumentRule arguments) {
            return new Exec(executable, arguments, Set.of());
        }

        @Override
        public String describe() {
            return "exec " + executable + " args=" + arguments.describe()
                    + (environment.isEmpty() ? "" : " env=" + environment.stream().sorted()
                            .collect(Collectors.joining(",")));
        }
    }

    /**
     * Reaching a host on a range of ports.
     *
     * @param protocols {@code tcp} and/or {@code http}
     * @param host a host name or address, matched case-insensitively (IDNs in their ASCII form)
     * @param fromPort the lowest port
     * @param toPort the highest port
     */
    record Net(Set<String> protocols, String host, int fromPort, int toPort) implements Permission {
        /** @throws IllegalArgumentException for an unknown protocol or a bad port range */
        public Net {
            protocols = Set.copyOf(protocols);
            host = canonicalHost(host);
            for (String protocol : protocols) {
                if (!protocol.equals("tcp") && !protocol.equals("http")) {
                    throw new IllegalArgumentException("unknown protocol " + protocol + " (tcp, http)");
                }
            }
            if (protocols.isEmpty() || fromPort < 1 || toPort > 65535 || fromPort > toPort) {
                throw new IllegalArgumentException("a net permission needs protocols and ports 1..65535: "
                        + protocols + " " + fromPort + "-" + toPort);
            }
        }

        @Override
        public String describe() {
            return "net " + protocols.stream().sorted().collect(Collectors.joining(",")) + " " + host + " "
                    + (fromPort == toPort ? Integer.toString(fromPort) : fromPort + "-" + toPort);
        }
    }

    /**
     * Environment variables that change how a program loads or behaves behind its back; never passed,
     * whatever the policy says. Names starting with {@code LD_} or {@code DYLD_} are refused too.
     */
    Set<String> NEVER_PASSED = Set.of("LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "BASH_ENV", "ENV", "IFS", "PYTHONSTARTUP", "PYTHONPATH",
            "PERL5OPT", "PERL5LIB", "RUBYOPT", "NODE_OPTIONS", "GCONV_PATH", "HOSTALIASES", "MALLOC_CHECK_");

    /**
     * Which argument lists an executable may get.
     */
    sealed interface ArgumentRule permits ArgumentRule.Any, ArgumentRule.Exactly, ArgumentRule.EachMatches {

        /**
         * @param arguments a request's arguments
         * @return whether they are allowed
         */
        boolean allows(List<String> arguments);

        /** @return the rule in the policy file's words */
        String describe();

        /** @return a rule allowing any arguments (still passed verbatim) */
        static ArgumentRule any() {
            return new Any();
        }

        /**
         * @param arguments the only allowed list
         * @return the rule
         */
        static ArgumentRule exactly(String... arguments) {
            return new Exactly(List.of(arguments));
        }

        /**
         * @param regex a regular expression each argument must match entirely
         * @return the rule
         */
        static ArgumentRule eachMatches(String regex) {
            return new EachMatches(Pattern.compile(regex));
        }

        /** Any argument list. */
        record Any() implements ArgumentRule {
            @Override
            public boolean allows(List<String> arguments) {
                return true;
            }

            @Override
            public String describe() {
                return "any";
            }
        }

        /**
         * One argument list, exactly.
         *
         * @param arguments the list
         */
        record Exactly(List<String> arguments) implements ArgumentRule {
            /** @throws NullPointerException if the list is or holds null */
            public Exactly {
                arguments = List.copyOf(arguments);
            }

            @Override
            public boolean allows(List<String> requested) {
                return arguments.equals(requested);
            }

            @Override
            public String describe() {
                return arguments.isEmpty() ? "none" : "exactly:" + String.join(",", arguments);
            }
        }

        /**
         * Each argument matches a pattern entirely.
         *
         * @param pattern the pattern
         */
        record EachMatches(Pattern pattern) implements ArgumentRule {
            /** @throws NullPointerException if the pattern is null */
            public EachMatches {
                Objects.requireNonNull(pattern, "pattern");
            }

            @Override
            public boolean allows(List<String> arguments) {
                return arguments.stream().allMatch(a -> pattern.matcher(a).matches());
            }

            @Override
            public String describe() {
                return "regex:" + pattern.pattern();
            }
        }
    }

    private static Path realFolder(Path path) {
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("a permission's path must be absolute: " + path);
        }
        try {
            return java.nio.file.Files.exists(path) ? path.toRealPath() : path.normalize();
        } catch (IOException e) {
            return path.normalize();
        }
    }

    /**
     * @param host a host as written
     * @return its canonical form: ASCII (IDN), lower case
     */
    static String canonicalHost(String host) {
        Objects.requireNonNull(host, "host");
        String stripped = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (stripped.indexOf(':') >= 0) { // an IPv6 literal: no IDN form
            return stripped.toLowerCase(Locale.ROOT);
        }
        return IDN.toASCII(stripped, IDN.USE_STD3_ASCII_RULES | IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }
}
