package io.otp4j.sysops;

import java.nio.file.Path;

/**
 * Points where tests step in, deterministically: a fault injected into an operation, a path swapped between
 * the policy check and the open. The default does nothing; only tests in this package install others.
 */
interface Hooks {

    Hooks NONE = new Hooks() {};

    /**
     * Runs on the worker's thread before each operation; what it throws crashes the worker.
     *
     * @param operation the operation about to run
     */
    default void beforeOperation(Operation<?> operation) {}

    /**
     * Runs after the policy allowed a file operation and before its file is opened.
     *
     * @param realPath the real path the policy allowed
     */
    default void betweenCheckAndOpen(Path realPath) {}
}
