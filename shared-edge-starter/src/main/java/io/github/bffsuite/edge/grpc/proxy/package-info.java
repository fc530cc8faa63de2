/**
 * gRPC through the edge as gRPC: errors as gRPC statuses and HTTP/2 to gRPC upstreams.
 */
@NullMarked
package io.github.bffsuite.edge.grpc.proxy;

import org.jspecify.annotations.NullMarked;
