import type { z } from 'zod'
import { contract, type Contract } from '@shared/api/contract'
import type { MethodName } from '@shared/api/method-names'

/**
 * A check for one form field, shaped like a Vuetify rule: `true` when the value is fine, otherwise
 * the message to show under the field. Built from the contract's own zod schema, so the form says
 * exactly what the core would say and a message is written once, in `shared/api`.
 */
export type ContractRule = (value: unknown) => true | string

/** The rule of a contract schema: its first message when it refuses the value. */
export function contractRule(schema: z.ZodType): ContractRule {
  return (value) => {
    const checked = schema.safeParse(value)
    if (checked.success) return true
    return checked.error.issues[0]?.message ?? 'Please check this field.'
  }
}

/** The rule of one field of a contract's object schema (`fieldRule(aupPublish, 'title')`). */
export function fieldRule<Shape extends z.ZodRawShape>(object: z.ZodObject<Shape>, key: keyof Shape & string): ContractRule {
  return contractRule(object.shape[key] as z.ZodType)
}

/**
 * The object schema of one kind in a contract's union on `kind` (the permission kinds, the kinds
 * of person): their fields carry different messages ("the name of the system they are exempt on").
 */
export function variantOf<Option extends z.ZodObject<{ kind: z.ZodLiteral<string> }>, Kind extends Option['shape']['kind']['value']>(
  union: z.ZodDiscriminatedUnion<readonly Option[]>,
  kind: Kind,
): Extract<Option, z.ZodObject<{ kind: z.ZodLiteral<Kind> }>> {
  const option = union.options.find((o) => o.shape.kind.value === kind)
  if (!option) throw new Error(`The contract has no kind ${kind}.`)
  return option as Extract<Option, z.ZodObject<{ kind: z.ZodLiteral<Kind> }>>
}

type InputShape<M extends MethodName> = Contract[M]['input'] extends z.ZodObject<infer Shape> ? Shape : never

/** The rule of one field of a method's input (`inputRule('incidents.attach', 'description')`). */
export function inputRule<M extends MethodName>(method: M, field: keyof InputShape<M> & string): ContractRule {
  const shape = (contract[method].input as unknown as z.ZodObject).shape
  return contractRule(shape[field] as z.ZodType)
}
