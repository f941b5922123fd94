package io.otp4j.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Topic names and NATS-style patterns: '.' separates segments, '*' is one segment, '>' the rest. */
class TopicSyntaxTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "orders.created,      orders.created,       true",
        "orders.created,      orders.paid,          false",
        "orders.created,      orders.created.eu,    false",
        "orders.*,            orders.created,       true",
        "orders.*,            orders,               false",
        "orders.*,            orders.eu.created,    false",
        "orders.*.created,    orders.eu.created,    true",
        "orders.*.created,    orders.eu.paid,       false",
        "*.created,           orders.created,       true",
        "*,                   orders,               true",
        "*,                   orders.created,       false",
        "orders.>,            orders.created,       true",
        "orders.>,            orders.eu.created,    true",
        "orders.>,            orders,               false",
        "orders.>,            invoices.created,     false",
        ">,                   orders,               true",
        ">,                   orders.eu.created,    true",
        "*.*.>,               a.b.c,                true",
        "*.*.>,               a.b,                  false",
        "orders.*.>,          orders.eu.created.x,  true",
    })
    void patternMatchingFollowsTheNatsRules(String pattern, String topic, boolean matches) {
        assertThat(TopicKey.of(pattern, Object.class).matches(topic)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", ".", "orders.", ".orders", "orders..created", "orders created", "ord*ers", "orders.>.x",
        "orders.>x", "orders.**", "orders.\tx"})
    void malformedTopicNamesAreRejectedWithTheReason(String name) {
        assertThatThrownBy(() -> TopicKey.of(name, Object.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid topic");
    }

    @Test
    void aKeyIsAPatternExactlyWhenItHasAWildcardSegment() {
        assertThat(TopicKey.of("orders.created", Object.class).isPattern()).isFalse();
        assertThat(TopicKey.of("orders.*", Object.class).isPattern()).isTrue();
        assertThat(TopicKey.of("orders.>", Object.class).isPattern()).isTrue();
    }

    @Test
    void matchesTakesAnExactTopicOnly() {
        assertThatThrownBy(() -> TopicKey.of("orders.>", Object.class).matches("orders.*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pattern");
    }

    @Test
    void aTopicTypeMustBeAReferenceType() {
        assertThatThrownBy(() -> TopicKey.of("counts", long.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrapper");
    }

    @Test
    void publishResultCountsMustAddUp() {
        assertThatThrownBy(() -> new PublishResult(2, 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PublishResult(1, 2, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PublishResult(4, 1, 1, 1, 1).allDelivered()).isFalse();
        assertThat(new PublishResult(2, 2, 0, 0, 0).allDelivered()).isTrue();
    }
}
