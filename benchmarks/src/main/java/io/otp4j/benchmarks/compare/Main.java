package io.otp4j.benchmarks.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one workload on one runtime in this JVM: warm-up iterations, then measured ones, each result
 * checked; prints one JSON line per figure per iteration, then one summary line per figure (median, min,
 * max of the measured iterations). Exits 0 if every iteration passed its check, 1 at the first failure
 * (after printing a {@code "type":"failure"} line), 2 on bad arguments. {@link Compare} forks one JVM per
 * workload and runtime with this class as the entry point.
 *
 * <p>Run: {@code java -Xms4g -Xmx4g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar
 * io.otp4j.benchmarks.compare.Main <otp4j|pekko|pekko-tuned> <workload> <warmups> <iterations>}
 */
public final class Main {

    private Main() {}

    /**
     * @param args runtime, workload, warm-up iterations, measured iterations
     */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: Main <otp4j|pekko|pekko-tuned> <workload> <warmups> <iterations>; workloads: "
                    + Workloads.ALL.stream().map(Workloads.Definition::name).toList() + ", remote: "
                    + RemoteWorkloads.ALL.stream().map(Workloads.Definition::name).toList());
            System.exit(2);
        }
        String runtime = args[0];
        String name = args[1];
        int warmups = Integer.parseInt(args[2]);
        int iterations = Integer.parseInt(args[3]);
        Workloads.Definition definition = Workloads.find(name).orElse(null);
        if (definition == null || !Workloads.RUNTIMES.contains(runtime) || warmups < 0 || iterations < 1) {
            System.err.println("bad arguments " + Arrays.toString(args));
            System.exit(2);
            return;
        }
        int status = run(runtime, definition, warmups, iterations);
        System.out.flush();
        System.exit(status); // a runtime's non-daemon threads must not keep the JVM alive
    }

    private static int run(String runtime, Workloads.Definition definition, int warmups, int iterations) {
        Map<String, List<Metric>> measured = new LinkedHashMap<>();
        try (Workload workload = definition.create(runtime)) {
            for (int i = 0; i < warmups + iterations; i++) {
                boolean warmup = i < warmups;
                long start = System.nanoTime();
                List<Metric> metrics = workload.iteration();
                double seconds = (System.nanoTime() - start) / 1e9;
                for (Metric m : metrics) {
                    Map<String, Object> line = header("iteration", runtime, definition.name(), m);
                    line.put("phase", warmup ? "warmup" : "measure");
                    line.put("iteration", warmup ? i + 1 : i - warmups + 1);
                    line.put("value", m.value());
                    line.put("seconds", seconds);
                    line.put("check", "ok");
                    System.out.println(Json.write(line));
                    if (!warmup) {
                        measured.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
                    }
                }
            }
        } catch (Throwable t) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "failure");
            line.put("runtime", runtime);
            line.put("workload", definition.name());
            line.put("error", String.valueOf(t));
            System.out.println(Json.write(line));
            t.printStackTrace();
            return 1;
        }
        for (List<Metric> ms : measured.values()) {
            double[] values = ms.stream().mapToDouble(Metric::value).sorted().toArray();
            Map<String, Object> line = header("summary", runtime, definition.name(), ms.getFirst());
            line.put("median", median(values));
            line.put("min", values[0]);
            line.put("max", values[values.length - 1]);
            line.put("n", values.length);
            line.put("warmups", warmups);
            line.put("values", ms.stream().map(Metric::value).toList());
            System.out.println(Json.write(line));
        }
        return 0;
    }

    private static Map<String, Object> header(String type, String runtime, String workload, Metric m) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", type);
        line.put("runtime", runtime);
        line.put("workload", workload);
        line.put("metric", m.name());
        line.put("unit", m.unit());
        line.put("better", m.higherIsBetter() ? "higher" : "lower");
        return line;
    }

    /** @return the median of sorted values (the mean of the middle two for an even count) */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
