package io.ownwatch.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox on a real PostgreSQL: what a stream receives, in which order, and how often. */
class OutboxIT {

    private AnnotationConfigApplicationContext context;
    private Outbox outbox;
    private TransactionTemplate transactions;
    private JdbcClient jdbc;

    @BeforeEach
    void freshOutbox() {
        context = new AnnotationConfigApplicationContext(TestConfiguration.class);
        outbox = context.getBean(Outbox.class);
        transactions = context.getBean(TransactionTemplate.class);
        jdbc = JdbcClient.create(context.getBean(DataSource.class));
        jdbc.sql("TRUNCATE outbox_message").update();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void publishesCommittedMessagesInOrderAndNeverRolledBackOnes() {
        transactions.executeWithoutResult(tx -> {
            outbox.append("ownership", "checkout", "{\"v\":1}");
            outbox.append("ownership", "checkout", "{\"v\":2}");
        });
        transactions.executeWithoutResult(tx -> {
            outbox.append("ownership", "search", "{\"v\":1}");
            tx.setRollbackOnly();
        });
        transactions.executeWithoutResult(tx -> outbox.append("ownership", "checkout", null));
        Recording stream = new Recording("ownership");

        int published = relay(stream).drain();

        assertThat(published).isEqualTo(3);
        assertThat(stream.received).containsExactly("checkout={\"v\":1}", "checkout={\"v\":2}", "checkout=<tombstone>");
        assertThat(outbox.backlog()).isZero();
        assertThat(relay(stream).drain()).as("nothing is published twice").isZero();
    }

    @Test
    void aFailingSendHoldsBackLaterMessagesUntilItSucceeds() {
        transactions.executeWithoutResult(tx -> {
            outbox.append("runbooks", "restart-checkout", "{\"version\":1}");
            outbox.append("ownership", "checkout", "{\"v\":1}");
        });
        Recording ownership = new Recording("ownership");
        Recording runbooks = new Recording("runbooks");
        runbooks.failuresLeft.set(2);
        OutboxRelay relay = relay(ownership, runbooks);

        assertThat(relay.drain()).isZero();
        assertThat(relay.drain()).isZero();
        assertThat(ownership.received).as("a later message never overtakes a failed earlier one").isEmpty();
        assertThat(outbox.backlog()).isEqualTo(2);

        assertThat(relay.drain()).isEqualTo(2);
        assertThat(runbooks.received).containsExactly("restart-checkout={\"version\":1}");
        assertThat(ownership.received).containsExactly("checkout={\"v\":1}");
    }

    @Test
    void aStreamSendingAWholeRunHasOnlyTheAcknowledgedMessagesFromTheFirstOnMarkedPublished() {
        transactions.executeWithoutResult(tx -> {
            for (int i = 1; i <= 3; i++) {
                outbox.append("ownership", "service-" + i, "{\"v\":" + i + "}");
            }
        });
        List<List<String>> runs = new ArrayList<>();
        AtomicInteger acknowledged = new AtomicInteger(1);
        OutboxStream batching = new OutboxStream() {
            @Override
            public String name() {
                return "ownership";
            }

            @Override
            public void publish(String key, @Nullable String payload) {
                throw new UnsupportedOperationException("sends whole runs");
            }

            @Override
            public int publishAll(List<Outbox.Message> messages) {
                runs.add(messages.stream().map(Outbox.Message::key).toList());
                return Math.min(acknowledged.get(), messages.size());
            }
        };
        OutboxRelay relay = new OutboxRelay(outbox, List.of(batching), new OutboxProperties(Duration.ofMillis(10), 10, Duration.ofHours(1)));

        assertThat(relay.drain()).as("the broker acknowledged the first of three").isEqualTo(1);
        assertThat(outbox.backlog()).isEqualTo(2);
        acknowledged.set(10);
        assertThat(relay.drain()).isEqualTo(2);
        assertThat(runs).containsExactly(List.of("service-1", "service-2", "service-3"), List.of("service-2", "service-3"));
        assertThat(outbox.backlog()).isZero();
    }

    @Test
    void handsEveryRunOfABatchOverBeforeAwaitingAnyAcknowledgement() {
        transactions.executeWithoutResult(tx -> {
            outbox.append("timeline", "incident-1", "{\"seq\":1}");
            outbox.append("requests", "incident-1", "{\"runbook\":\"restart\"}");
            outbox.append("timeline", "incident-1", "{\"seq\":2}");
        });
        List<String> handedOver = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Integer>> unanswered = Collections.synchronizedList(new ArrayList<>());
        OutboxStream timeline = new Deferred("timeline", handedOver, unanswered);
        OutboxStream requests = new Deferred("requests", handedOver, unanswered);
        // The broker answers only once every run of the batch was handed over: a relay awaiting each run before it
        // hands over the next would wait forever here.
        Thread broker = new Thread(() -> {
            await().until(() -> unanswered.size() == 3);
            unanswered.forEach(answer -> answer.complete(1));
        });
        broker.start();

        int published = new OutboxRelay(outbox, List.of(timeline, requests), new OutboxProperties(Duration.ofMillis(10), 10, Duration.ofHours(1)))
                .drain();

        assertThat(published).isEqualTo(3);
        assertThat(handedOver).containsExactly("timeline:incident-1", "requests:incident-1", "timeline:incident-1");
        assertThat(outbox.backlog()).isZero();
    }

    @Test
    void aRunTheBrokerRefusedLaterIsPublishedAgainWithEverythingAfterIt() {
        transactions.executeWithoutResult(tx -> {
            outbox.append("timeline", "incident-1", "{\"seq\":1}");
            outbox.append("requests", "incident-1", "{\"runbook\":\"restart\"}");
            outbox.append("timeline", "incident-1", "{\"seq\":2}");
        });
        List<String> handedOver = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refusals = new AtomicInteger(1);
        OutboxStream timeline = new Answering("timeline", handedOver, new AtomicInteger());
        OutboxStream requests = new Answering("requests", handedOver, refusals);
        OutboxRelay relay = new OutboxRelay(outbox, List.of(timeline, requests), new OutboxProperties(Duration.ofMillis(10), 10, Duration.ofHours(1)));

        assertThat(relay.drain()).as("only the run before the refused one is marked").isEqualTo(1);
        assertThat(outbox.backlog()).isEqualTo(2);
        assertThat(relay.drain()).isEqualTo(2);

        assertThat(handedOver).as("at least once: the refused run and what followed it are sent again")
                .startsWith("timeline:incident-1", "requests:incident-1")
                .endsWith("requests:incident-1", "timeline:incident-1");
        assertThat(outbox.backlog()).isZero();
    }

    @Test
    void aRunningRelayPublishesACommittedMessageWithoutWaitingForItsPollDelay() {
        Recording stream = new Recording("ownership");
        OutboxRelay relay = new OutboxRelay(outbox, List.of(stream), new OutboxProperties(Duration.ofHours(1), 10, Duration.ofHours(1)));
        relay.start();
        try {
            await().until(() -> outbox.backlog() == 0);
            transactions.executeWithoutResult(tx -> outbox.appendAll("ownership",
                    List.of(new Outbox.Message("checkout", "{\"v\":1}"))));

            await().untilAsserted(() -> assertThat(stream.received).containsExactly("checkout={\"v\":1}"));
            assertThat(outbox.backlog()).isZero();
        }
        finally {
            relay.stop();
        }
    }

    @Test
    void aMessageOfAStreamThisServiceDoesNotPublishWaitsInsteadOfBeingSkipped() {
        transactions.executeWithoutResult(tx -> {
            outbox.append("unknown", "k", "{}");
            outbox.append("ownership", "checkout", "{}");
        });
        Recording ownership = new Recording("ownership");

        assertThat(relay(ownership).drain()).isZero();
        assertThat(ownership.received).isEmpty();
        assertThat(outbox.backlog()).isEqualTo(2);
    }

    @Test
    void relaysRacingEachOtherPublishEveryMessageExactlyOnce() throws Exception {
        transactions.executeWithoutResult(tx -> {
            for (int i = 0; i < 300; i++) {
                outbox.append("ownership", "service-" + i, "{}");
            }
        });
        Recording stream = new Recording("ownership");
        OutboxProperties small = new OutboxProperties(Duration.ofMillis(10), 7, Duration.ofHours(1));
        List<Callable<Integer>> relays = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            OutboxRelay relay = new OutboxRelay(outbox, List.of(stream), small);
            relays.add(() -> {
                int total = 0;
                while (outbox.backlog() > 0) {
                    total += relay.drain();
                }
                return total;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            int total = 0;
            for (var result : pool.invokeAll(relays)) {
                total += result.get();
            }
            assertThat(total).isEqualTo(300);
        }
        finally {
            pool.shutdownNow();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            expected.add("service-" + i + "={}");
        }
        assertThat(stream.received).containsExactlyElementsOf(expected);
    }

    @Test
    void deletesPublishedMessagesPastTheirRetentionAndNothingElse() {
        transactions.executeWithoutResult(tx -> {
            for (int i = 1; i <= 3; i++) {
                outbox.append("ownership", "service-" + i, "{}");
            }
        });
        Recording stream = new Recording("ownership");
        OutboxRelay relay = new OutboxRelay(outbox, List.of(stream), new OutboxProperties(Duration.ofMillis(10), 2,
                Duration.ofMinutes(30)));
        assertThat(relay.drain()).isEqualTo(3);
        transactions.executeWithoutResult(tx -> outbox.append("ownership", "service-4", "{}"));
        // Two were published an hour ago, one just now; the fourth waits for the broker.
        jdbc.sql("UPDATE outbox_message SET published_at = now() - interval '1 hour' WHERE message_key IN ('service-1', 'service-2')")
                .update();

        assertThat(relay.prune()).isEqualTo(2);

        assertThat(jdbc.sql("SELECT message_key FROM outbox_message ORDER BY id").query(String.class).list())
                .containsExactly("service-3", "service-4");
        assertThat(outbox.backlog()).isEqualTo(1);
        assertThat(relay.drain()).isEqualTo(1);
        assertThat(stream.received).containsExactly("service-1={}", "service-2={}", "service-3={}", "service-4={}");
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.append("ownership", "checkout", "{}"))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(outbox.backlog()).isZero();
    }

    private OutboxRelay relay(OutboxStream... streams) {
        return new OutboxRelay(outbox, List.of(streams), new OutboxProperties(Duration.ofMillis(10), 2, Duration.ofHours(1)));
    }

    /** A stream that hands runs to a broker answering later: the relay gets each answer as a future. */
    private record Deferred(String name, List<String> handedOver, List<CompletableFuture<Integer>> unanswered)
            implements OutboxStream {

        @Override
        public void publish(String key, @Nullable String payload) {
            throw new UnsupportedOperationException("hands runs over");
        }

        @Override
        public CompletableFuture<Integer> send(List<Outbox.Message> messages) {
            messages.forEach(message -> handedOver.add(name + ":" + message.key()));
            CompletableFuture<Integer> answer = new CompletableFuture<>();
            unanswered.add(answer);
            return answer;
        }
    }

    /** A stream whose broker answers after the hand-over, refusing whole runs while told to. */
    private record Answering(String name, List<String> handedOver, AtomicInteger refusalsLeft) implements OutboxStream {

        @Override
        public void publish(String key, @Nullable String payload) {
            throw new UnsupportedOperationException("hands runs over");
        }

        @Override
        public CompletableFuture<Integer> send(List<Outbox.Message> messages) {
            messages.forEach(message -> handedOver.add(name + ":" + message.key()));
            boolean refused = refusalsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            return CompletableFuture.supplyAsync(() -> refused ? 0 : messages.size());
        }
    }

    /** A stream that keeps what it was given, and can be told to fail like an unreachable broker. */
    private static final class Recording implements OutboxStream {

        final List<String> received = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failuresLeft = new AtomicInteger();
        private final String name;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void publish(String key, @Nullable String payload) {
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("broker unavailable");
            }
            received.add(key + "=" + (payload == null ? "<tombstone>" : payload));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class TestConfiguration {

        @Bean
        DataSource dataSource() {
            Infrastructure infrastructure = TestInfrastructure.get();
            DriverManagerDataSource dataSource = new DriverManagerDataSource(infrastructure.jdbcUrl("edge_outbox"),
                    infrastructure.databaseUsername(), infrastructure.databasePassword());
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/outbox").load().migrate();
            return dataSource;
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
            return new TransactionTemplate(transactionManager);
        }

        @Bean
        Outbox outbox(DataSource dataSource, TransactionTemplate transactions) {
            return new Outbox(JdbcClient.create(dataSource), transactions);
        }
    }
}
