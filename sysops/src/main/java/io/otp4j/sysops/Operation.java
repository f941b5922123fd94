package io.otp4j.sysops;

/**
 * A system operation, submitted to {@link SysOps#submit}: a record of one of three kinds, each served by
 * its own supervised actors.
 *
 * <ul>
 *   <li>{@link FileOperation}: read, write, append, list, stat, delete, move, watch a directory;</li>
 *   <li>{@link ProcessOperation}: run an executable named by its absolute path, never through a shell;</li>
 *   <li>{@link NetworkOperation}: a TCP exchange, an HTTP request.</li>
 * </ul>
 *
 * @param <R> what the operation answers when it succeeds ({@link Result.Ok#value()})
 */
public sealed interface Operation<R> permits FileOperation, ProcessOperation, NetworkOperation {

    /** @return a short name of the operation for the audit, e.g. {@code file.read} */
    String name();

    /** @return what the operation acts on, as requested, for the audit (a path, a command, host:port) */
    String target();
}
