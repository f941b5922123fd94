package io.otp4j.sysops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Deny by default: the grants that say who may do what. Anything no grant allows is denied, with the
 * permission that would have allowed it named in the answer ({@link Result.Denied}).
 *
 * <p>Built in code:
 * <pre>{@code
 * Policy policy = Policy.builder()
 *         .allow("role:processor", Permission.Folder.of(inbox, FileAccess.READ, FileAccess.LIST, FileAccess.WATCH))
 *         .allow("user:agent", Permission.Exec.of(Path.of("/usr/bin/uname"), ArgumentRule.exactly("-a")))
 *         .build();
 * }</pre>
 *
 * <p>or read from a file ({@link #load(Path)}), one grant per line, {@code #} starting a comment line:
 * <pre>
 * allow role:processor file read,list,stat,watch /srv/inbox
 * allow role:processor file write /srv/outbox
 * allow user:agent     exec /usr/bin/uname args=exactly:-a
 * allow user:agent     exec /usr/bin/echo args=regex:[a-z0-9 ]* env=LANG
 * allow role:web       net tcp,http 127.0.0.1 8080-8090
 * </pre>
 * Tokens are separated by blanks, so paths and patterns in a file cannot hold one ({@code \s} in a pattern
 * can). {@code args} is {@code any}, {@code none}, {@code exactly:A,B,...} or {@code regex:RE} (each argument
 * matches RE entirely); without it, no arguments are allowed.
 *
 * <p>Immutable and thread-safe.
 */
public final class Policy {

    private final List<Grant> grants;

    private Policy(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    /** @return a builder of a policy in code */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a policy that allows nothing */
    public static Policy denyAll() {
        return new Policy(List.of());
    }

    /**
     * @param file a policy file (UTF-8)
     * @return the policy it describes; its rules are named {@code FILENAME:LINE}
     * @throws IOException if the file cannot be read
     * @throws PolicyFormatException if a line is not a grant
     */
    public static Policy load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    /**
     * @param text the policy, in the file format
     * @param source the name its rules are given ({@code source:LINE})
     * @return the policy
     * @throws PolicyFormatException if a line is not a grant
     */
    public static Policy parse(String text, String source) {
        Builder builder = builder();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            try {
                builder.allow(parseGrant(line.split("\\s+"), source + ":" + number));
            } catch (IllegalArgumentException e) {
                throw new PolicyFormatException(source, number, e.getMessage());
            }
        }
        return builder.build();
    }

    private static Grant parseGrant(String[] words, String rule) {
        if (words.length < 4 || !words[0].equals("allow")) {
            throw new IllegalArgumentException("expected 'allow SUBJECT file|exec|net ...'");
        }
        String subject = words[1];
        List<String> rest = Arrays.asList(words).subList(3, words.length);
        Permission permission = switch (words[2]) {
            case "file" -> {
                if (rest.size() != 2) {
                    throw new IllegalArgumentException("expected 'file ACCESS,... FOLDER'");
                }
                Set<FileAccess> access = EnumSet.noneOf(FileAccess.class);
                for (String word : rest.get(0).split(",")) {
                    try {
                        access.add(FileAccess.valueOf(word.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown file access '" + word + "' (one of "
                                + Arrays.stream(FileAccess.values()).map(FileAccess::word).toList() + ")");
                    }
                }
                yield new Permission.Folder(access, Path.of(rest.get(1)));
            }
            case "exec" -> {
                Permission.ArgumentRule arguments = Permission.ArgumentRule.exactly();
                Set<String> environment = Set.of();
                for (String option : rest.subList(1, rest.size())) {
                    if (option.startsWith("args=")) {
                        arguments = parseArguments(option.substring(5));
                    } else if (option.startsWith("env=")) {
                        environment = Set.of(option.substring(4).split(","));
                    } else {
                        throw new IllegalArgumentException("unknown exec option '" + option + "' (args=, env=)");
                    }
                }
                yield new Permission.Exec(Path.of(rest.get(0)), arguments, environment);
            }
            case "net" -> {
                if (rest.size() != 3) {
                    throw new IllegalArgumentException("expected 'net tcp,http HOST PORT|FROM-TO'");
                }
                String[] ports = rest.get(2).split("-", 2);
                try {
                    int from = Integer.parseInt(ports[0]);
                    int to = ports.length == 2 ? Integer.parseInt(ports[1]) : from;
                    yield new Permission.Net(Set.of(rest.get(0).split(",")), rest.get(1), from, to);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad port '" + rest.get(2) + "'");
                }
            }
            default -> throw new IllegalArgumentException("unknown kind '" + words[2] + "' (file, exec, net)");
        };
        return new Grant(subject, permission, rule);
    }

    private static Permission.ArgumentRule parseArguments(String rule) {
        if (rule.equals("any")) {
            return Permission.ArgumentRule.any();
        } else if (rule.equals("none")) {
            return Permission.ArgumentRule.exactly();
        } else if (rule.startsWith("exactly:")) {
            return Permission.ArgumentRule.exactly(rule.substring(8).split(","));
        } else if (rule.startsWith("regex:")) {
            try {
                return Permission.ArgumentRule.eachMatches(rule.substring(6));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("bad pattern: " + e.getDescription());
            }
        }
        throw new IllegalArgumentException("args is any, none, exactly:A,B or regex:RE, not '" + rule + "'");
    }

    /** @return the grants, in the order given */
    public List<Grant> grants() {
        return grants;
    }

    Decision checkFile(Principal principal, FileAccess access, Path realPath) {
        for (Grant grant : grants) {
            if (grant.appliesTo(principal) && grant.permission() instanceof Permission.Folder folder
                    && folder.access().contains(access) && realPath.startsWith(folder.folder())) {
                return new Decision.Allowed(grant);
            }
        }
        return new Decision.Refused(subjectOf(principal) + " file " + access.word() + " " + realPath,
                "no grant covers the real path");
    }

    Decision checkExec(Principal principal, Path realExecutable, List<String> arguments, Set<String> environment) {
        String missing = subjectOf(principal) + " exec " + realExecutable;
        boolean executableGranted = false;
        for (Grant grant : grants) {
            if (grant.appliesTo(principal) && grant.permission() instanceof Permission.Exec exec
                    && exec.executable().equals(realExecutable)) {
                executableGranted = true;
                if (exec.arguments().allows(arguments) && exec.environment().containsAll(environment)) {
                    return new Decision.Allowed(grant);
                }
            }
        }
        return new Decision.Refused(missing + " args=" + arguments + (environment.isEmpty() ? "" : " env=" + environment),
                executableGranted ? "no grant of this executable allows these arguments and environment"
                        : "the executable is not granted");
    }

    Decision checkNet(Principal principal, String protocol, String host, int port) {
        String canonical;
        try {
            canonical = Permission.canonicalHost(host);
        } catch (IllegalArgumentException e) {
            return new Decision.Refused(subjectOf(principal) + " net " + protocol + " " + host + " " + port,
                    "not a valid host name: " + e.getMessage());
        }
        for (Grant grant : grants) {
            if (grant.appliesTo(principal) && grant.permission() instanceof Permission.Net net
                    && net.protocols().contains(protocol) && net.host().equals(canonical)
                    && port >= net.fromPort() && port <= net.toPort()) {
                return new Decision.Allowed(grant);
            }
        }
        return new Decision.Refused(subjectOf(principal) + " net " + protocol + " " + canonical + " " + port,
                "no grant covers this host and port");
    }

    static String subjectOf(Principal principal) {
        return "user:" + principal.name();
    }

    @Override
    public String toString() {
        return "Policy" + grants;
    }

    /** Collects grants; not thread-safe. */
    public static final class Builder {
        private final List<Grant> grants = new ArrayList<>();

        private Builder() {}

        /**
         * @param subject {@code user:NAME} or {@code role:ROLE}
         * @param permission what it may do
         * @return this builder; the grant is named {@code grant#N}, N its position from 1
         */
        public Builder allow(String subject, Permission permission) {
            return allow(new Grant(subject, permission, "grant#" + (grants.size() + 1)));
        }

        /**
         * @param grant a grant
         * @return this builder
         */
        public Builder allow(Grant grant) {
            grants.add(Objects.requireNonNull(grant, "grant"));
            return this;
        }

        /** @return the policy */
        public Policy build() {
            return new Policy(grants);
        }
    }
}
