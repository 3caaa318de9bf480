import { trace } from '@opentelemetry/api';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/**
 * Names the active (server) span after the GraphQL operation it runs: `mutation enrollIntern`
 * (the operation's name, else its root fields), with `graphql.operation.type`/`.name`. A
 * mercurius `preExecution` hook; nothing happens outside a recording span.
 */
export function nameSpanAfterOperation(document: DocumentNode, operationName?: string | null): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return;
  const rootFields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
  span.updateName(`${operation.operation} ${operation.name?.value ?? rootFields.join(',')}`);
  span.setAttribute('graphql.operation.type', operation.operation);
  if (operation.name) span.setAttribute('graphql.operation.name', operation.name.value);
}
