import { schoolKind } from '../../../shared/features/school/contract'
import { defineFeature } from '../feature-kit/feature'
import { recordsBegan } from '../db/migrations/0017-records-began'
import { getSchool, readLogo, readRecordsBegan, readSettings, setLogo, setRecordsBegan, updateSchool, updateSettings } from './school'

export const schoolFeature = defineFeature({
  kind: schoolKind,
  migrations: [recordsBegan],
  handlers: {
    'school.get': (_input, ctx) => getSchool(ctx.store),
    'school.update': (input, ctx) => updateSchool(ctx.store, input),
    'school.logo': async (_input, ctx) => ({ dataUrl: await readLogo(ctx.store.requireOpen().db) }),
    'school.setLogo': (input, ctx) => setLogo(ctx.store, input.imageBase64),
    'school.recordsBegan': async (_input, ctx) => ({ on: await readRecordsBegan(ctx.store.requireOpen().db) }),
    'school.setRecordsBegan': (input, ctx) => setRecordsBegan(ctx.store, input.on),
    'settings.get': (_input, ctx) => readSettings(ctx.store.requireOpen().db),
    'settings.update': (input, ctx) => updateSettings(ctx.store, input),
  },
})
