package io.otp4j.benchmarks.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the summaries of a {@link Compare} run into the Markdown table of docs/benchmarks.md: one row per
 * figure, each runtime's median with the min–max of its measured iterations (otp4j, Pekko with its
 * defaults, Pekko tuned), and the ratio to Pekko's better setting for that figure, oriented so that above 1
 * means otp4j is better (otp4j ÷ Pekko for rates, Pekko ÷ otp4j for times, latencies and sizes).
 */
final class Report {

    /** Rows for figures that are not their workload's main one. */
    private static final Map<String, String[]> SECONDARY = Map.of(
            "spawn-call", new String[] {"spawn call", "the parent's loop (spawn + one tell), per child", "–"},
            "memory-stop", new String[] {"memory: stop", "stop the holder of 1,000,000 idle actors, children first, per actor", "–"},
            "latency-p99", new String[] {"latency: p99", "the same asks' 99th percentile", "–"},
            "latency-p99.9", new String[] {"latency: p99.9", "the same asks' 99.9th percentile", "–"},
            "remote-ask-p50", new String[] {"remote ask p50", "latency of one remote ask, median", "1"},
            "remote-ask-p99", new String[] {"remote ask p99", "latency of one remote ask, 99th percentile", "1"});

    /** The Pekko columns: its defaults, then tuned. */
    private static final List<String> PEKKO = List.of("pekko", PekkoSystem.TUNED);

    private Report() {}

    static String markdown(String profile, List<Compare.Run> runs, List<String> workloads, List<String> runtimes,
                           Compare.Machine machine, String command, List<String> jvmArgs, double minutes) {
        StringBuilder b = new StringBuilder();
        boolean full = profile.equals("full");
        b.append("Profile **").append(profile).append("**: ")
                .append(full ? "3 warm-up + 5 measured iterations (memory: 1 + 3)" : "1 warm-up + 3 measured iterations")
                .append(" per JVM, one JVM per workload and runtime; the figure is the median, with the min–max of ")
                .append("the measured iterations in brackets. Every iteration's result was checked. Pekko ran with ")
                .append("its defaults and tuned (`").append(tunedSummary()).append("`). Ratio: otp4j against Pekko's ")
                .append("better setting for that row, above 1 means otp4j is better (otp4j ÷ Pekko for rates, ")
                .append("Pekko ÷ otp4j for times, latencies and sizes); the goal is 2 or more.\n\n");
        b.append("| workload | definition | in flight | unit | otp4j | Pekko ").append(machine.pekko())
                .append(" default | Pekko ").append(machine.pekko()).append(" tuned | ratio | ≥ 2× |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Map<String, Map<String, Object>>> byMetric = Compare.byMetric(runs);
        for (String workload : workloads) {
            Workloads.Definition def = Workloads.find(workload).orElseThrow();
            List<String> metrics = new ArrayList<>();
            for (var e : byMetric.entrySet()) {
                Map<String, Object> any = e.getValue().values().iterator().next();
                if (workload.equals(any.get("workload"))) {
                    metrics.add(e.getKey());
                }
            }
            if (metrics.isEmpty()) {
                metrics.add(workload);
            }
            for (String metric : metrics) {
                Map<String, Map<String, Object>> cells = byMetric.getOrDefault(metric, Map.of());
                String[] secondary = SECONDARY.get(metric);
                String name = secondary != null ? secondary[0] : workload;
                String definition = secondary != null ? secondary[1] : def.definition();
                String inFlight = secondary != null ? secondary[2] : def.inFlight();
                Map<String, Object> any = cells.isEmpty() ? null : cells.values().iterator().next();
                double scale = 1;
                String unit = any == null ? "" : String.valueOf(any.get("unit"));
                if (any != null && "higher".equals(any.get("better"))) {
                    double top = cells.values().stream().mapToDouble(s -> (Double) s.get("median")).max().orElse(0);
                    if (top >= 1e6) {
                        scale = 1e6;
                        unit = "M " + unit;
                    } else if (top >= 1e3) {
                        scale = 1e3;
                        unit = "k " + unit;
                    }
                }
                b.append("| ").append(name).append(" | ").append(definition).append(" | ").append(inFlight)
                        .append(" | ").append(unit);
                for (String runtime : Workloads.RUNTIMES) {
                    b.append(" | ").append(cell(runtime, workload, runtimes, cells.get(runtime), runs, scale));
                }
                Double ratio = ratio(cells);
                if (ratio != null) {
                    b.append(" | ").append(String.format(Locale.ROOT, "%.2f", ratio)).append(" | ")
                            .append(ratio >= 2 ? "yes" : "**no**");
                } else {
                    b.append(" | – | –");
                }
                b.append(" |\n");
            }
        }
        b.append('\n');
        b.append("Machine: ").append(machine.cpus()).append(" CPUs (`nproc`), \"").append(machine.cpu())
                .append("\" (`/proc/cpuinfo`), ").append(machine.memory()).append(", ").append(machine.os())
                .append("; load average (1/5/15 min) ").append(machine.loadAtStart()).append(" at the start, ")
                .append(machine.loadAtEnd()).append(" at the end. JDK: ").append(machine.jdk()).append(".\n");
        b.append("Date: ").append(machine.date()).append("; otp4j `").append(machine.otp4j())
                .append("` (core as installed in `~/.m2`), Pekko ").append(machine.pekko())
                .append(" (`pekko-actor-typed_2.13`, default and tuned settings); ")
                .append(String.format(Locale.ROOT, "%.1f", minutes)).append(" minutes in all.\n");
        b.append("Command: `").append(command).append("`; each cell ran in its own JVM: `java ")
                .append(String.join(" ", Compare.HEAP));
        for (String a : jvmArgs) {
            b.append(' ').append(a);
        }
        b.append(" -cp benchmarks/target/benchmarks.jar ").append(Main.class.getName())
                .append(" <otp4j|pekko|pekko-tuned> <workload> <warm-ups> <iterations>`.\n");
        List<String> failures = new ArrayList<>();
        for (Compare.Run r : runs) {
            if (r.exitCode() != 0) {
                failures.add(r.runtime() + " " + r.workload() + ": " + r.failure());
            }
        }
        if (!failures.isEmpty()) {
            b.append("\n**Failed checks:** ").append(String.join("; ", failures)).append(".\n");
        }
        return b.toString();
    }

    /**
     * The run in one sentence for the README: each workload's main figure as otp4j's ratio to Pekko,
     * oriented as in the table (above 1: otp4j better), and the date of the run.
     */
    static String ratios(List<Compare.Run> runs, List<String> workloads, Compare.Machine machine) {
        Map<String, Map<String, Map<String, Object>>> byMetric = Compare.byMetric(runs);
        List<String> parts = new ArrayList<>();
        for (String workload : workloads) {
            Map<String, Map<String, Object>> cells = byMetric.get(workload);
            Double ratio = cells == null ? null : ratio(cells);
            if (ratio == null) {
                continue;
            }
            parts.add(workload + " " + String.format(Locale.ROOT, ratio >= 10 ? "%.0f" : "%.1f", ratio) + "×");
        }
        return "Side by side with Apache Pekko " + machine.pekko() + " in one run (" + machine.date()
                + ", load average " + machine.loadAtStart() + " at the start on " + machine.cpus()
                + " CPUs), otp4j's figure ÷ Pekko's better setting's, above 1 meaning otp4j is better: " + String.join(", ", parts)
                + " ([table, method and spread](docs/benchmarks.md)).";
    }

    /**
     * @return otp4j's median against the better of Pekko's medians (default or tuned), oriented so that
     *     above 1 means otp4j is better; null if otp4j or both Pekko cells are missing
     */
    static Double ratio(Map<String, Map<String, Object>> cells) {
        Map<String, Object> o = cells.get("otp4j");
        if (o == null) {
            return null;
        }
        boolean higherIsBetter = "higher".equals(o.get("better"));
        Double best = null;
        for (String pekko : PEKKO) {
            Map<String, Object> p = cells.get(pekko);
            if (p != null) {
                double pm = (Double) p.get("median");
                if (best == null || (higherIsBetter ? pm > best : pm < best)) {
                    best = pm;
                }
            }
        }
        if (best == null) {
            return null;
        }
        double om = (Double) o.get("median");
        return higherIsBetter ? om / best : best / om;
    }

    /** The tuned settings on one line, for the table's heading. */
    private static String tunedSummary() {
        return "throughput = 100, fork-join parallelism = " + Runtime.getRuntime().availableProcessors()
                + " (the cores)";
    }

    private static String cell(String runtime, String workload, List<String> runtimes, Map<String, Object> summary,
                               List<Compare.Run> runs, double scale) {
        if (summary != null) {
            return "**" + number((Double) summary.get("median") / scale) + "** ("
                    + number((Double) summary.get("min") / scale) + "–" + number((Double) summary.get("max") / scale) + ")";
        }
        if (!runtimes.contains(runtime)) {
            return "not run";
        }
        for (Compare.Run r : runs) {
            if (r.runtime().equals(runtime) && r.workload().equals(workload) && r.failure() != null) {
                return "FAILED";
            }
        }
        return "–";
    }

    /** Three significant digits, thousands separated. */
    static String number(double v) {
        double a = Math.abs(v);
        String s;
        if (a >= 100) {
            s = String.format(Locale.ROOT, "%,.0f", v);
        } else if (a >= 10) {
            s = String.format(Locale.ROOT, "%.1f", v);
        } else {
            s = String.format(Locale.ROOT, "%.2f", v);
        }
        return s;
    }
}
