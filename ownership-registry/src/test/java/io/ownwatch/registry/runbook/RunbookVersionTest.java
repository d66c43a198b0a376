package io.ownwatch.registry.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RunbookVersionTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static RunbookVersion draft() {
        return RunbookVersion.draft("restart-checkout", "payments", 1, SampleRunbooks.valid(), "bob", NOW);
    }

    @Test
    void goesThroughReviewToApprovalAndRetirement() {
        RunbookVersion submitted = draft().submit(NOW);
        assertThat(submitted.status()).isEqualTo(RunbookStatus.IN_REVIEW);
        assertThat(submitted.contentHash()).isEqualTo(ContentHash.of(SampleRunbooks.valid()));
        RunbookVersion approved = submitted.approve("alice", NOW);
        assertThat(approved.status()).isEqualTo(RunbookStatus.APPROVED);
        assertThat(approved.approvedBy()).isEqualTo("alice");
        assertThat(approved.etag()).isEqualTo("\"1.2\"");
        assertThat(approved.retire(NOW).status()).isEqualTo(RunbookStatus.RETIRED);
    }

    @Test
    void rejectsRunbookApprovedByItsAuthor() {
        assertThatThrownBy(() -> draft().submit(NOW).approve("bob", NOW)).isInstanceOf(ApprovalByAuthorRefused.class);
    }

    @Test
    void rejectsApprovalBySomeoneWhoEditedTheDraft() {
        RunbookVersion edited = draft().edit(SampleRunbooks.valid(), "alice", NOW);
        assertThat(edited.authors()).containsExactly("bob", "alice");
        assertThatThrownBy(() -> edited.submit(NOW).approve("alice", NOW)).isInstanceOf(ApprovalByAuthorRefused.class);
    }

    @Test
    void refusesToEditAnythingButADraft() {
        RunbookVersion approved = draft().submit(NOW).approve("alice", NOW);
        assertThatThrownBy(() -> approved.edit(SampleRunbooks.valid(), "bob", NOW))
                .isInstanceOfSatisfying(TransitionRefused.class, ex -> assertThat(ex.status()).isEqualTo(RunbookStatus.APPROVED));
        assertThatThrownBy(() -> draft().submit(NOW).edit(SampleRunbooks.valid(), "bob", NOW)).isInstanceOf(TransitionRefused.class);
    }

    @Test
    void refusesToApproveADraftOrRetireAVersionThatWasNeverApproved() {
        assertThatThrownBy(() -> draft().approve("alice", NOW)).isInstanceOf(TransitionRefused.class);
        assertThatThrownBy(() -> draft().submit(NOW).retire(NOW)).isInstanceOf(TransitionRefused.class);
    }

    @Test
    void requestChangesSendsItBackToDraft() {
        RunbookVersion back = draft().submit(NOW).requestChanges(NOW);
        assertThat(back.status()).isEqualTo(RunbookStatus.DRAFT);
        assertThat(back.edit(SampleRunbooks.valid(), "bob", NOW).contentHash()).as("a changed draft is hashed again on submit").isNull();
    }

    @Test
    void appliesToItsServicesAndToMatchingAlertsOfItsOwnTeam() {
        RunbookVersion version = draft();
        assertThat(version.appliesTo("checkout", "identity", Map.of())).isTrue();
        assertThat(version.appliesTo("cart", "payments", Map.of("alertname", "CheckoutDown"))).isTrue();
        assertThat(version.appliesTo("cart", "identity", Map.of("alertname", "CheckoutDown"))).isFalse();
        assertThat(version.appliesTo("cart", "payments", Map.of("alertname", "Other"))).isFalse();
    }
}
