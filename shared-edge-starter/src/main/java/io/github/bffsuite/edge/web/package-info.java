/**
 * Edge web plumbing: request ids, problem+json errors, request limits and server
 * hardening.
 */
@NullMarked
package io.github.bffsuite.edge.web;

import org.jspecify.annotations.NullMarked;
