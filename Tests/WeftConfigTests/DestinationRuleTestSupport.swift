/// A DestinationRule `default/reviews` whose spec is `spec`, written as at the top level of `spec:`.
func destinationRuleYAML(_ spec: String) -> String {
    let indented = spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
    return "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews}\nspec:\n"
        + indented.joined(separator: "\n")
}

/// What every diagnostic about that rule starts with, when decoded as `dr.yaml`.
let destinationRulePrefix = "dr.yaml: document 1: DestinationRule default/reviews: "
