package io.ownwatch.router;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements the current thread executes through the application's DataSource, for tests that bound
 * what an operation costs in statements (not in time). A JDBC batch counts as many statements as rows it carries:
 * PostgreSQL executes each. Other threads (relay, workers) are not counted.
 */
public final class StatementCounter {

    private static final ThreadLocal<List<String>> EXECUTED = new ThreadLocal<>();

    private StatementCounter() {
    }

    /** Wraps the application's DataSource; register it as a bean of the test's configuration. */
    public static BeanPostProcessor wrapDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !(bean instanceof Counting) ? new Counting(dataSource) : bean;
            }
        };
    }

    /** The statements (their SQL, one entry per row of a batch) the current thread executed during the call. */
    public static <T> Counted<T> count(Callable<T> call) throws Exception {
        List<String> executed = new ArrayList<>();
        EXECUTED.set(executed);
        try {
            return new Counted<>(call.call(), List.copyOf(executed));
        } finally {
            EXECUTED.remove();
        }
    }

    public record Counted<T>(T result, List<String> statements) {
    }

    private static void executed(String sql, int times) {
        List<String> executed = EXECUTED.get();
        if (executed != null) {
            for (int i = 0; i < times; i++) {
                executed.add(sql);
            }
        }
    }

    private static final class Counting extends DelegatingDataSource {

        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connection(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connection(super.getConnection(username, password));
        }

        private static Connection connection(Connection target) {
            return proxy(Connection.class, target, (proxy, method, args) -> {
                Object result = invoke(target, method, args);
                if (result instanceof Statement statement) {
                    String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                    return statement(statement, sql, method.getReturnType());
                }
                return result;
            });
        }

        private static Object statement(Statement target, String preparedSql, Class<?> type) {
            int[] batched = {0};
            return proxy(type, target, (proxy, method, args) -> {
                String name = method.getName();
                if (name.equals("addBatch")) {
                    batched[0]++;
                } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                    executed(preparedSql, batched[0]);
                    batched[0] = 0;
                } else if (name.startsWith("execute")) {
                    executed(args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql, 1);
                }
                return invoke(target, method, args);
            });
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<?> type, Object target, InvocationHandler handler) {
            return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
