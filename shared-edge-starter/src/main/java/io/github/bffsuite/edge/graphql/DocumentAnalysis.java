package io.github.bffsuite.edge.graphql;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import org.jspecify.annotations.Nullable;

/**
 * What a document's executed operation asks for, measured before validation.
 *
 * @param operation the operation type, {@code null} when the document does not name one
 * operation unambiguously (validation then rejects it)
 * @param fields the fields with fragments expanded, duplicates included
 * @param aliases the aliased fields with fragments expanded
 * @param rootFields the fields at the root of the operation
 * @param directives the directives on the operation, its fields, fragments and spreads
 * @param depth the deepest field nesting, root fields at 1
 * @param cost the static cost
 * @param introspection whether the operation asks for {@code __schema} or {@code __type}
 * @param cycle the name of a fragment that spreads itself, directly or not
 * @param fragments the fragment definitions in the whole document
 * @param fragmentDepth the longest chain of fragment spreads inside one another
 * @param unusedDefinitions the definitions of the document that the operation does not
 * use: other operations and the fragments only they spread, or that nothing spreads
 * @param unusedFragment the name of a fragment that no operation of the document spreads,
 * which GraphQL's validation forbids
 * @param executable the document to validate and execute: the operation and the fragments
 * it spreads, {@code null} when there is no operation to run
 */
public record DocumentAnalysis(OperationDefinition.@Nullable Operation operation, long fields, long aliases,
		long rootFields, long directives, long depth, long cost, boolean introspection, @Nullable String cycle,
		long fragments, long fragmentDepth, long unusedDefinitions, @Nullable String unusedFragment,
		@Nullable Document executable) {

}
