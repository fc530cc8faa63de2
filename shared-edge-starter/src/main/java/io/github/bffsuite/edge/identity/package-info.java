/**
 * Edge principal and identity headers: stripped from clients, set for downstream
 * services.
 */
@NullMarked
package io.github.bffsuite.edge.identity;

import org.jspecify.annotations.NullMarked;
