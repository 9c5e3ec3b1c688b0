/** @module A minimal Deployment as manifest text, for tests that generate many of them. */

/** A Deployment `namespace/name` whose pods are labelled `app: <name>`, with one container (flow YAML). */
export function deploymentYaml(namespace: string, name: string, container: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers: [${container}]
`;
}
