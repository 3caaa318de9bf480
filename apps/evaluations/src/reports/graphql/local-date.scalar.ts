import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate } from '#ddd';

const check = (value: unknown): string => {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`Date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
};

/** `Date`: a calendar date, YYYY-MM-DD (no time, no zone). */
export const LocalDateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD',
  serialize: check,
  parseValue: check,
  parseLiteral: (ast) => check(ast.kind === Kind.STRING ? ast.value : undefined),
});
