package io.otp4j.observer;

/**
 * One line of the page's feed.
 *
 * @param seq its number, from 1, in the order the observer saw them: a page that reloads the recent lines
 *     while events keep arriving skips those it already has
 * @param epochMillis when the observer saw it
 * @param kind {@code dead-letter}, {@code supervision} or {@code action}
 * @param path the actor it is about
 * @param text what happened, in words; may contain anything (a message's {@code toString}), so the page
 *     shows it as text only
 */
record FeedEntry(long seq, long epochMillis, String kind, String path, String text) {

    void writeTo(Json json) {
        json.beginObject()
                .name("seq").value(seq)
                .name("t").value(epochMillis)
                .name("kind").value(kind)
                .name("path").value(path)
                .name("text").value(text)
                .endObject();
    }
}
