/**
 * Support shared by the sample services: gateway identity headers, problem details and
 * fault injection.
 */
@NullMarked
package io.github.bffsuite.samples.support;

import org.jspecify.annotations.NullMarked;
