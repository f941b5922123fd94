package io.otp4j.dispatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of the annotated class once per {@link DispatcherUnderTest} (a JUnit class template:
 * each test is reported as "on WORK_STEALING", "on VIRTUAL_THREADS", ...). The class takes the kind as its
 * constructor's parameter and builds its actor systems through it:
 *
 * <pre>{@code
 * @OnEveryDispatcher
 * class AskTest {
 *     private final DispatcherUnderTest on;
 *
 *     AskTest(DispatcherUnderTest on) {
 *         this.on = on;
 *     }
 *
 *     @Test
 *     void repliesArrive() {
 *         try (var kit = on.testKit()) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>The end of each test is {@link DispatcherUnderTest.End}'s: rejecting dispatchers start refusing,
 * systems left open are closed, and every system must terminate.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedClass(name = "on {0}")
@EnumSource(DispatcherUnderTest.class)
@ExtendWith(DispatcherUnderTest.End.class)
public @interface OnEveryDispatcher {}
