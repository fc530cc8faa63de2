package io.github.bffsuite.edge.grpc.transcoding;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GrpcProblems}: the gRPC to HTTP status table.
 */
class GrpcProblemsTests {

	@Test
	void mapsEveryCodeByTheStandardTable() {
		assertThat(GrpcProblems.httpStatus(Status.Code.INVALID_ARGUMENT)).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(GrpcProblems.httpStatus(Status.Code.FAILED_PRECONDITION)).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(GrpcProblems.httpStatus(Status.Code.OUT_OF_RANGE)).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(GrpcProblems.httpStatus(Status.Code.UNAUTHENTICATED)).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(GrpcProblems.httpStatus(Status.Code.PERMISSION_DENIED)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(GrpcProblems.httpStatus(Status.Code.NOT_FOUND)).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(GrpcProblems.httpStatus(Status.Code.ALREADY_EXISTS)).isEqualTo(HttpStatus.CONFLICT);
		assertThat(GrpcProblems.httpStatus(Status.Code.ABORTED)).isEqualTo(HttpStatus.CONFLICT);
		assertThat(GrpcProblems.httpStatus(Status.Code.RESOURCE_EXHAUSTED)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(GrpcProblems.httpStatus(Status.Code.UNIMPLEMENTED)).isEqualTo(HttpStatus.NOT_IMPLEMENTED);
		assertThat(GrpcProblems.httpStatus(Status.Code.UNAVAILABLE)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(GrpcProblems.httpStatus(Status.Code.CANCELLED)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(GrpcProblems.httpStatus(Status.Code.DEADLINE_EXCEEDED)).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(GrpcProblems.httpStatus(Status.Code.INTERNAL)).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(GrpcProblems.httpStatus(Status.Code.UNKNOWN)).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(GrpcProblems.httpStatus(Status.Code.DATA_LOSS)).isEqualTo(HttpStatus.BAD_GATEWAY);
	}

	@Test
	void givesEveryProblemAStableTypeAndTheGrpcStatus() {
		ErrorResponseException conflict = GrpcProblems.of(Status.ALREADY_EXISTS.withDescription("Taken").asException());
		assertThat(conflict.getBody().getType()).hasToString("https://bff-suite.dev/problems/conflict");
		assertThat(conflict.getBody().getDetail()).isEqualTo("Taken");
		assertThat(conflict.getBody().getProperties()).containsEntry("grpcStatus", "ALREADY_EXISTS");
		ErrorResponseException unimplemented = GrpcProblems.of(Status.UNIMPLEMENTED.asRuntimeException());
		assertThat(unimplemented.getBody().getType()).hasToString("https://bff-suite.dev/problems/not-implemented");
	}

	@Test
	void treatsTheGatewaysOwnAnswerSizeLimitAsABadGateway() {
		ErrorResponseException tooLarge = GrpcProblems
			.of(Status.RESOURCE_EXHAUSTED.withDescription("gRPC message exceeds maximum size 64: 2000")
				.asRuntimeException());
		assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
	}

}
