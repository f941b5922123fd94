package io.otp4j.examples;

/**
 * Opens {@link MainRunner} (package-private) to the use-case tests in sub-packages, such as
 * {@code io.otp4j.examples.saga}: {@code UseCaseMains.run(SagaExample::main)}.
 */
public final class UseCaseMains {

    /** An example's {@code main} method. */
    @FunctionalInterface
    public interface Main {
        /**
         * @param args the arguments
         * @throws Exception anything {@code main} throws
         */
        void run(String[] args) throws Exception;
    }

    private UseCaseMains() {}

    /**
     * Runs {@code main} through {@link MainRunner#run}.
     *
     * @param main the example's main method
     * @return what it printed
     */
    public static String run(Main main) {
        return MainRunner.run(main::run);
    }
}
