# syntax=docker/dockerfile:1
# One image recipe for every app of the suite, built from source with the Maven wrapper.
# docker-compose.yml builds it once per app with the build argument MODULE (the module's directory,
# e.g. bff-web or sample-services/auth-server). By hand:
#   docker build --build-arg MODULE=bff-web -t bff-suite/bff-web .

FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /workspace
COPY . .
# The Maven repository lives in a BuildKit cache shared by the seven builds; "locked" keeps two
# parallel builds from writing the same artifact at once.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
	test -n "$MODULE" || { echo "build argument MODULE is required (e.g. --build-arg MODULE=bff-web)" >&2; exit 1; }; \
	test -f "$MODULE/pom.xml" || { echo "no Maven module at $MODULE" >&2; exit 1; }; \
	./mvnw -B -q -pl "$MODULE" -am package -DskipTests \
	&& jars=$(find "$MODULE/target" -maxdepth 1 -name '*.jar' ! -name '*-sources.jar' ! -name '*-tests.jar') \
	&& test "$(printf '%s\n' "$jars" | wc -l)" -eq 1 \
	&& cp "$jars" /workspace/app.jar

FROM eclipse-temurin:17-jre
# curl runs the compose health checks; installed explicitly so the check does not depend on what the
# base image happens to ship.
RUN set -eux; \
	apt-get update; \
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl; \
	rm -rf /var/lib/apt/lists/*; \
	groupadd --system spring; \
	useradd --system --gid spring --home-dir /app --shell /usr/sbin/nologin spring
WORKDIR /app
COPY --from=build --chown=spring:spring /workspace/app.jar app.jar
USER spring:spring
# Heap sized from the container's memory limit unless JAVA_TOOL_OPTIONS says otherwise.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
