/**
 * REST/JSON to gRPC transcoding driven by the {@code google.api.http} rules of a
 * descriptor set: the {@code GrpcTranscode} route filter and its managed channels.
 */
@NullMarked
package io.github.bffsuite.edge.grpc.transcoding;

import org.jspecify.annotations.NullMarked;
