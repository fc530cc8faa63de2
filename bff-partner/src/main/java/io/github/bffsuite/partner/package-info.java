/**
 * Backend-for-frontend gateway for partner systems.
 */
@NullMarked
package io.github.bffsuite.partner;

import org.jspecify.annotations.NullMarked;
