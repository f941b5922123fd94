package io.otp4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs an example's {@code main} as a user would, with {@code System.out} captured for assertions. */
public final class MainRunner {

    /** An example's {@code main} method. */
    @FunctionalInterface
    public interface Main {
        /**
         * @param args the arguments
         * @throws Exception anything {@code main} throws
         */
        void run(String[] args) throws Exception;
    }

    private MainRunner() {
    }

    /**
     * Runs {@code main} with no arguments and returns what it printed; the output is echoed to the test report.
     *
     * @param main the example's main method
     * @return what it printed
     */
    public static String run(Main main) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            main.run(new String[0]);
        } catch (Exception e) {
            throw new AssertionError("main threw", e);
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }
}
