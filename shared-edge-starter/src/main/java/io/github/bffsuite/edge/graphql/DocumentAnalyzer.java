package io.github.bffsuite.edge.graphql;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Argument;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

/**
 * Measures the operation of a parsed document against the schema: fields (duplicates
 * included), aliases, root fields, directives, depth and static cost.
 * <p>
 * This is a hand-written walk over the AST rather than graphql-java's
 * {@code QueryTraverser}, {@code MaxQueryDepthInstrumentation} or
 * {@code ExecutableNormalizedOperation}, because it must run <em>before</em> validation:
 * those need a valid document (they would recurse forever on a fragment cycle), run after
 * the validation rules that are themselves the target of field duplication attacks
 * (overlapping-fields checks grow with the square of duplicated fields), merge duplicates
 * away, cannot measure without rejecting, and leave no room to charge the cost to a rate
 * limit bucket asynchronously before execution. Unknown fields and types are skipped:
 * validation reports them. Every fragment spread is expanded, so the walk stops after
 * {@link #MAX_VISITS} fields to bound exponential fragment fan-out.
 * <p>
 * Cost: each field costs 1 (or its override), plus its children's cost times its size. A
 * field's size is the value of its slicing argument ({@code first}, {@code last},
 * {@code limit}); the default list size when it has such an argument without a value or
 * returns a list; 1 otherwise. A list right below a sliced field that is not itself a
 * list (the {@code edges} of a connection) is not multiplied again. Type-conditional
 * branches are all added up, an upper bound.
 */
public final class DocumentAnalyzer {

	/** Fields visited at most, whatever the limits say. */
	public static final long MAX_VISITS = 100_000;

	private final long defaultFieldCost;

	private final long defaultListSize;

	private final Set<String> slicingArguments;

	private final Map<String, Long> fieldCosts;

	public DocumentAnalyzer(EdgeGraphQlProperties.Cost cost) {
		this.defaultFieldCost = cost.getDefaultFieldCost();
		this.defaultListSize = cost.getDefaultListSize();
		this.slicingArguments = Set.copyOf(cost.getSlicingArguments());
		this.fieldCosts = Map.copyOf(cost.getFields());
	}

	/**
	 * Measure the operation a request executes.
	 * @param schema the schema
	 * @param document the parsed document
	 * @param operationName the requested operation name, if any
	 * @param variables the request variables
	 * @return the analysis
	 */
	public DocumentAnalysis analyze(GraphQLSchema schema, Document document, @Nullable String operationName,
			Map<String, Object> variables) {
		Map<String, FragmentDefinition> fragments = new HashMap<>();
		List<OperationDefinition> operations = new ArrayList<>();
		OperationDefinition operation = null;
		long fragmentDefinitions = 0;
		for (Definition<?> definition : document.getDefinitions()) {
			if (definition instanceof FragmentDefinition fragment) {
				fragmentDefinitions++;
				fragments.putIfAbsent(fragment.getName(), fragment);
			}
			else if (definition instanceof OperationDefinition candidate) {
				operations.add(candidate);
				if ((operationName == null && operation == null)
						|| (operationName != null && operationName.equals(candidate.getName()))) {
					operation = candidate;
				}
			}
		}
		if (operation == null || (operationName == null && operations.size() > 1)) {
			return new DocumentAnalysis(null, 0, 0, 0, 0, 0, 0, false, null, fragmentDefinitions, 0,
					document.getDefinitions().size(), null, null);
		}
		Walk walk = new Walk(schema, fragments, variables);
		walk.directives += operation.getDirectives().size();
		for (VariableDefinition variable : operation.getVariableDefinitions()) {
			walk.directives += variable.getDirectives().size();
		}
		GraphQLFieldsContainer root = switch (operation.getOperation()) {
			case QUERY -> schema.getQueryType();
			case MUTATION -> schema.getMutationType();
			case SUBSCRIPTION -> schema.getSubscriptionType();
		};
		long cost = walk.selections(operation.getSelectionSet(), root, 1, false);
		// graphql-java validates every definition of a document, so it gets only the
		// operation and the fragments it spreads: the others would be validated for
		// nothing (and could be made to cost a lot)
		Set<String> used = walk.spread;
		List<Definition> kept = new ArrayList<>();
		long unused = 0;
		for (Definition<?> definition : document.getDefinitions()) {
			if (definition == operation
					|| (definition instanceof FragmentDefinition fragment && used.contains(fragment.getName()))) {
				kept.add(definition);
			}
			else if (definition instanceof OperationDefinition || definition instanceof FragmentDefinition) {
				unused++;
			}
		}
		String unusedFragment = null;
		Document executable = document;
		if (unused > 0) {
			Set<String> spreadAnywhere = new HashSet<>(used);
			for (OperationDefinition other : operations) {
				if (other != operation) {
					spreads(other.getSelectionSet(), fragments, spreadAnywhere);
				}
			}
			for (Definition<?> definition : document.getDefinitions()) {
				if (definition instanceof FragmentDefinition fragment && !spreadAnywhere.contains(fragment.getName())) {
					unusedFragment = fragment.getName();
					break;
				}
			}
			executable = document.transform((builder) -> builder.definitions(kept));
		}
		return new DocumentAnalysis(operation.getOperation(), walk.fields, walk.aliases, walk.rootFields,
				walk.directives, walk.depth, cost, walk.introspection, walk.cycle, fragmentDefinitions,
				walk.fragmentDepth, unused, unusedFragment, executable);
	}

	/**
	 * Add the names of the fragments a selection set spreads, directly or through other
	 * fragments; each fragment is read once.
	 */
	private static void spreads(@Nullable SelectionSet selectionSet, Map<String, FragmentDefinition> fragments,
			Set<String> names) {
		Deque<SelectionSet> pending = new ArrayDeque<>();
		if (selectionSet != null) {
			pending.push(selectionSet);
		}
		while (!pending.isEmpty()) {
			for (Selection<?> selection : pending.pop().getSelections()) {
				SelectionSet next = null;
				if (selection instanceof Field field) {
					next = field.getSelectionSet();
				}
				else if (selection instanceof InlineFragment inline) {
					next = inline.getSelectionSet();
				}
				else if (selection instanceof FragmentSpread spread && names.add(spread.getName())) {
					FragmentDefinition fragment = fragments.get(spread.getName());
					next = (fragment != null) ? fragment.getSelectionSet() : null;
				}
				if (next != null) {
					pending.push(next);
				}
			}
		}
	}

	private final class Walk {

		private final GraphQLSchema schema;

		private final Map<String, FragmentDefinition> fragments;

		private final Map<String, Object> variables;

		private final Deque<String> spreads = new ArrayDeque<>();

		final Set<String> spread = new HashSet<>();

		long fragmentDepth;

		long fields;

		long aliases;

		long rootFields;

		long directives;

		long depth;

		boolean introspection;

		@Nullable String cycle;

		Walk(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, Map<String, Object> variables) {
			this.schema = schema;
			this.fragments = fragments;
			this.variables = variables;
		}

		/**
		 * Walk a selection set at a depth.
		 * @return the cost of the selections
		 */
		long selections(@Nullable SelectionSet selectionSet, @Nullable GraphQLType parent, int level, boolean sized) {
			if (selectionSet == null) {
				return 0;
			}
			long cost = 0;
			for (Selection<?> selection : selectionSet.getSelections()) {
				if (this.fields > MAX_VISITS || this.cycle != null) {
					return cost;
				}
				if (selection instanceof Field field) {
					cost = add(cost, field(field, parent, level, sized));
				}
				else if (selection instanceof InlineFragment inline) {
					this.directives += inline.getDirectives().size();
					cost = add(cost, selections(inline.getSelectionSet(), typeOr(inline.getTypeCondition(), parent),
							level, sized));
				}
				else if (selection instanceof FragmentSpread spread) {
					cost = add(cost, spread(spread, parent, level, sized));
				}
			}
			return cost;
		}

		private long field(Field field, @Nullable GraphQLType parent, int level, boolean sized) {
			this.fields++;
			if (field.getAlias() != null) {
				this.aliases++;
			}
			if (level == 1) {
				this.rootFields++;
			}
			this.depth = Math.max(this.depth, level);
			this.directives += field.getDirectives().size();
			String name = field.getName();
			if ("__typename".equals(name)) {
				return 0;
			}
			GraphQLFieldDefinition definition;
			if ("__schema".equals(name) || "__type".equals(name)) {
				// introspection is measured and priced like any other selection: its
				// lists and nesting are what introspection attacks use
				this.introspection = true;
				definition = "__schema".equals(name) ? this.schema.getIntrospectionSchemaFieldDefinition()
						: this.schema.getIntrospectionTypeFieldDefinition();
			}
			else {
				definition = (parent instanceof GraphQLFieldsContainer container) ? container.getFieldDefinition(name)
						: null;
			}
			GraphQLType type = (definition != null) ? definition.getType() : null;
			long own = this.fieldCost(parent, name);
			Long sliced = slicedSize(field, definition);
			boolean list = type != null && GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(type));
			long size;
			if (parent instanceof GraphQLNamedType named && named.getName().startsWith("__")) {
				// introspection answers from the schema in memory, without a call: a list
				// there costs what it selects, once
				size = 1;
			}
			else if (sliced != null) {
				size = sliced;
			}
			else if (list) {
				size = sized ? 1 : DocumentAnalyzer.this.defaultListSize;
			}
			else {
				size = 1;
			}
			// a sliced field that is not itself a list is a connection: its lists are the
			// slice
			long children = selections(field.getSelectionSet(), (type != null) ? GraphQLTypeUtil.unwrapAll(type) : null,
					level + 1, sliced != null && !list);
			return add(own, multiply(size, children));
		}

		private long spread(FragmentSpread spread, @Nullable GraphQLType parent, int level, boolean sized) {
			this.directives += spread.getDirectives().size();
			String name = spread.getName();
			if (this.spreads.contains(name)) {
				this.cycle = name;
				return 0;
			}
			FragmentDefinition fragment = this.fragments.get(name);
			if (fragment == null) {
				return 0;
			}
			this.directives += fragment.getDirectives().size();
			this.spread.add(name);
			this.spreads.push(name);
			this.fragmentDepth = Math.max(this.fragmentDepth, this.spreads.size());
			try {
				return selections(fragment.getSelectionSet(), typeOr(fragment.getTypeCondition(), parent), level,
						sized);
			}
			finally {
				this.spreads.pop();
			}
		}

		private long fieldCost(@Nullable GraphQLType parent, String name) {
			if (!DocumentAnalyzer.this.fieldCosts.isEmpty() && parent instanceof GraphQLNamedType named) {
				Long cost = DocumentAnalyzer.this.fieldCosts.get(named.getName() + "." + name);
				if (cost != null) {
					return cost;
				}
			}
			return DocumentAnalyzer.this.defaultFieldCost;
		}

		/**
		 * Return the size given by a slicing argument, the default list size when the
		 * field has a slicing argument that the operation leaves out, or {@code null}
		 * when the field has none.
		 */
		private @Nullable Long slicedSize(Field field, @Nullable GraphQLFieldDefinition definition) {
			for (Argument argument : field.getArguments()) {
				if (DocumentAnalyzer.this.slicingArguments.contains(argument.getName())) {
					Long value = value(argument);
					if (value != null) {
						return Math.max(0, value);
					}
				}
			}
			if (definition != null) {
				for (GraphQLArgument argument : definition.getArguments()) {
					if (DocumentAnalyzer.this.slicingArguments.contains(argument.getName())) {
						return DocumentAnalyzer.this.defaultListSize;
					}
				}
			}
			return null;
		}

		private @Nullable Long value(Argument argument) {
			if (argument.getValue() instanceof IntValue literal) {
				return literal.getValue().min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
			}
			if (argument.getValue() instanceof VariableReference reference
					&& this.variables.get(reference.getName()) instanceof Number number) {
				return number.longValue();
			}
			return null;
		}

		private @Nullable GraphQLType typeOr(@Nullable TypeName condition, @Nullable GraphQLType parent) {
			if (condition == null) {
				return parent;
			}
			GraphQLType type = this.schema.getType(condition.getName());
			return (type != null) ? type : parent;
		}

	}

	static long add(long a, long b) {
		long sum = a + b;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

	static long multiply(long a, long b) {
		if (a == 0 || b == 0) {
			return 0;
		}
		return (a > Long.MAX_VALUE / b) ? Long.MAX_VALUE : a * b;
	}

}
