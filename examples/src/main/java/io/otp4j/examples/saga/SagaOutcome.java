package io.otp4j.examples.saga;

import java.util.List;

/** How a saga ended, with its journal. */
public sealed interface SagaOutcome {

    /** @return the saga's id */
    String sagaId();

    /** @return what happened, step by step, in order */
    List<SagaEvent> journal();

    /** @return the names of the compensated steps, in the order they were compensated */
    default List<String> compensated() {
        return journal().stream().filter(e -> e instanceof SagaEvent.StepCompensated).map(SagaEvent::step).toList();
    }

    /**
     * Every step was done.
     *
     * @param sagaId the saga
     * @param journal what happened
     */
    record Committed(String sagaId, List<SagaEvent> journal) implements SagaOutcome {
        /** Copies the journal. */
        public Committed {
            journal = List.copyOf(journal);
        }
    }

    /**
     * A step failed and the steps done before it were compensated, last first.
     *
     * @param sagaId the saga
     * @param failedStep the step that refused or did not answer
     * @param journal what happened
     */
    record RolledBack(String sagaId, String failedStep, List<SagaEvent> journal) implements SagaOutcome {
        /** Copies the journal. */
        public RolledBack {
            journal = List.copyOf(journal);
        }
    }
}
