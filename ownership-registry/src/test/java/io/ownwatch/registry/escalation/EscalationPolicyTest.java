package io.ownwatch.registry.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class EscalationPolicyTest {

    private static final Level LEVEL = new Level(30, List.of(Target.of(TargetType.SCHEDULE, "payments-primary")));

    @Test
    void buildsTheSealedTargetOfEachType() {
        assertThat(Target.of(TargetType.SCHEDULE, "primary")).isEqualTo(new Target.OnCallOf("primary"));
        assertThat(Target.of(TargetType.PERSON, "bob")).isEqualTo(new Target.Person("bob"));
        assertThat(Target.of(TargetType.TEAM_CHANNEL, "payments")).isEqualTo(new Target.TeamChannel("payments"));
        assertThat(Target.of(TargetType.TEAM_CHANNEL, "payments").type()).isEqualTo(TargetType.TEAM_CHANNEL);
    }

    @Test
    void refusesAPolicyWithoutLevelsOrWithAnUnreasonableRepeat() {
        assertThatThrownBy(() -> new EscalationPolicy("p", "P", "payments", 0, List.of(), 0))
                .isInstanceOfSatisfying(InvalidEscalationPolicy.class, e -> assertThat(e.field()).isEqualTo("levels"));
        assertThatThrownBy(() -> new EscalationPolicy("p", "P", "payments", -1, List.of(LEVEL), 0))
                .isInstanceOfSatisfying(InvalidEscalationPolicy.class, e -> assertThat(e.field()).isEqualTo("repeat"));
        assertThatThrownBy(() -> new EscalationPolicy("p", "P", "payments", EscalationPolicy.MAX_REPEAT + 1, List.of(LEVEL), 0))
                .isInstanceOfSatisfying(InvalidEscalationPolicy.class, e -> assertThat(e.field()).isEqualTo("repeat"));
    }

    @Test
    void refusesALevelWithoutTargetsOrWithANegativeDelay() {
        assertThatThrownBy(() -> new Level(5, List.of()))
                .isInstanceOfSatisfying(InvalidEscalationPolicy.class, e -> assertThat(e.field()).isEqualTo("targets"));
        assertThatThrownBy(() -> new Level(-1, LEVEL.targets()))
                .isInstanceOfSatisfying(InvalidEscalationPolicy.class, e -> assertThat(e.field()).isEqualTo("delayMinutes"));
        assertThatThrownBy(() -> Target.of(TargetType.PERSON, " "))
                .isInstanceOfSatisfying(InvalidEscalationPolicy.class, e -> assertThat(e.field()).isEqualTo("id"));
    }
}
