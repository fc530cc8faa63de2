/**
 * TLS on the gateway's own listener: start-up checks of the server's SSL bundle.
 */
@NullMarked
package io.github.bffsuite.edge.tls;

import org.jspecify.annotations.NullMarked;
