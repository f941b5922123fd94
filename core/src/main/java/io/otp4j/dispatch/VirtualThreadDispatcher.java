package io.otp4j.dispatch;

/**
 * Runs each actor run on a new virtual thread, for actors that block in {@code receive} (file or network
 * IO): a blocked actor holds a virtual thread, not one of the few platform threads. Shared and stateless;
 * {@link #close()} does nothing.
 */
final class VirtualThreadDispatcher implements Dispatcher {

    static final VirtualThreadDispatcher INSTANCE = new VirtualThreadDispatcher();

    // a Thread.Builder is not safe for use by several threads at once; its factory is
    private final java.util.concurrent.ThreadFactory threads = Thread.ofVirtual().name("otp4j-vt-", 0).factory();

    private VirtualThreadDispatcher() {}

    @Override
    public void execute(Runnable actorRun) {
        threads.newThread(actorRun).start();
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "VirtualThreadDispatcher";
    }
}
