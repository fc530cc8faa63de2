/**
 * Types shared by the edge features, such as property groups that several prefixes use;
 * depends on no other edge package.
 */
@NullMarked
package io.github.bffsuite.edge.support;

import org.jspecify.annotations.NullMarked;
