import { peopleKind } from '../../../shared/features/people/contract'
import { people as peopleMigration } from '../db/migrations/0003-people'
import { recordHolds } from '../db/migrations/0014-record-holds'
import { defineFeature } from '../feature-kit/feature'
import { demoPeople } from './demo-people'
import { applyImport, previewImport } from './import/import-people'
import { archivePerson, createPerson, directoryGroups, getPerson, listHosts, listPeople, setSafeguardingHold, unarchivePerson, updatePerson } from './people'

export const peopleFeature = defineFeature({
  kind: peopleKind,
  migrations: [peopleMigration, recordHolds],
  // Adds the visitors and their visits too: reception's records are people of the directory.
  demo: demoPeople,
  handlers: {
    'people.list': (input, ctx) => listPeople(ctx, input),
    'people.get': (input, ctx) => getPerson(ctx, input.id),
    'people.groups': (_input, ctx) => directoryGroups(ctx),
    'people.create': (input, ctx) => createPerson(ctx, input),
    'people.update': (input, ctx) => updatePerson(ctx, input.id, input.person),
    'people.archive': (input, ctx) => archivePerson(ctx, input.id, input.leftOn),
    'people.unarchive': (input, ctx) => unarchivePerson(ctx, input.id),
    'people.setSafeguardingHold': (input, ctx) => setSafeguardingHold(ctx, input),
    'people.hosts': (input, ctx) => listHosts(ctx, input.text),
    'people.importPreview': (input, ctx) => previewImport(ctx, input),
    'people.importApply': (input, ctx) => applyImport(ctx, input),
  },
})
