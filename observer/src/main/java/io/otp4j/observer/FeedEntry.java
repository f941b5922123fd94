package io.otp4j.observer;

/**
 * One line of the page's feed.
 *
 * @param epochMillis when the observer saw it
 * @param kind {@code dead-letter}, {@code supervision} or {@code action}
 * @param path the actor it is about
 * @param text what happened, in words; may contain anything (a message's {@code toString}), so the page
 *     shows it as text only
 */
record FeedEntry(long epochMillis, String kind, String path, String text) {

    void writeTo(Json json) {
        json.beginObject()
                .name("t").value(epochMillis)
                .name("kind").value(kind)
                .name("path").value(path)
                .name("text").value(text)
                .endObject();
    }
}
