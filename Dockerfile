# One image recipe for every service, built from the repository root:
#   docker build --build-arg SERVICE=alert-router -t ownwatch/alert-router .
FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN test -n "$SERVICE" && ./mvnw -B -q -DskipTests -pl "$SERVICE" -am package \
 && cp "$SERVICE"/target/"$SERVICE"-*-exec.jar /app.jar

FROM eclipse-temurin:17-jre
COPY --from=build /app.jar /app/app.jar
# Generated Avro classes decode only from packages listed here.
ENV JAVA_TOOL_OPTIONS="-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ownwatch.events -XX:MaxRAMPercentage=75"
ENV LOG_FORMAT=ecs
USER 10001
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
