package io.otp4j.observer;

/**
 * One point of the charts.
 *
 * @param epochMillis when it was taken
 * @param messagesPerSecond messages handled per second since the previous sample, by the actors alive at both
 * @param deadLettersPerSecond dead letters per second since the previous sample
 * @param restarts restarts since the previous sample, by the actors alive at both
 * @param liveActors actors alive
 * @param poolUtilisation CPU time of the system pool's threads over the interval, as a fraction of
 *     their number; negative if unknown (a dispatcher the observer cannot see)
 * @param heapUsedBytes the JVM's used heap
 * @param heapMaxBytes the JVM's maximum heap, or -1 if undefined
 */
record Sample(long epochMillis, double messagesPerSecond, double deadLettersPerSecond, long restarts,
              int liveActors, double poolUtilisation, long heapUsedBytes, long heapMaxBytes) {

    void writeTo(Json json) {
        json.beginObject()
                .name("t").value(epochMillis)
                .name("messagesPerSecond").value(messagesPerSecond)
                .name("deadLettersPerSecond").value(deadLettersPerSecond)
                .name("restarts").value(restarts)
                .name("liveActors").value(liveActors)
                .name("poolUtilisation").value(poolUtilisation)
                .name("heapUsed").value(heapUsedBytes)
                .name("heapMax").value(heapMaxBytes)
                .endObject();
    }
}
