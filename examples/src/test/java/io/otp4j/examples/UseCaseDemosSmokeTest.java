package io.otp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.examples.pipeline.EventPipelineDemo;
import io.otp4j.examples.tcp.EchoServerDemo;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the use-case programs' {@code main} as a user would and checks the lines that tell their story. */
class UseCaseDemosSmokeTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void echoServerDemoShowsIsolatedCrashesAndACleanShutdown() {
        String out = MainRunner.run(EchoServerDemo::main);

        assertThat(out).contains(
                "300 clients connected, each echoed a line; handlers under /user/echo/keeper/connections: 300",
                "5 clients sent CRASH: 5/5 saw their connection closed; crashed handlers: 5",
                "2 handlers killed (no postStop): 2/2 connections closed all the same",
                "the other clients still echo: 293/293",
                "50 new clients connected and echoed; open connections now: 343",
                "counts: accepted 350, open 343, lines echoed 643, crashed 5",
                "server stopped: open sockets 0; 343/343 connected clients saw the close",
                "done: actor system closed");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void eventPipelineDemoShowsCountsAndARestForOneRestart() {
        String out = MainRunner.run(EventPipelineDemo::main);

        assertThat(out).contains(
                "accounted:  ingested 100,000 = stored 80,000 + invalid 20,000 + lost 0",
                "supervisor: REST_FOR_ONE after validation: restarting [validation, processing, storage]",
                "restarts per child: [loss-recorder=0, ingestion=0, validation=1, processing=1, storage=1]",
                "lost: event 50,001 at validation (stage crashed: java.lang.IllegalStateException: validator bug",
                "done: both systems closed");
        assertThat(out).doesNotContain(" 1 duplicates").containsPattern("storage: +79,9\\d\\d stored, 0 duplicates");
    }
}
