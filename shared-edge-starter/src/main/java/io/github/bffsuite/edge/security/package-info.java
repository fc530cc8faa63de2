/**
 * Edge authentication and authorization: JWT bearer tokens, API keys and scope rules.
 */
@NullMarked
package io.github.bffsuite.edge.security;

import org.jspecify.annotations.NullMarked;
