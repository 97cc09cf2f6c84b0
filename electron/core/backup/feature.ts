import { backupsKind } from '../../../shared/features/backups/contract'
import { defineFeature } from '../feature-kit/feature'

export const backupsFeature = defineFeature({
  kind: backupsKind,
  handlers: {
    'backup.list': (_input, ctx) => ctx.services.backups.overview(),
    'backup.now': async (input, ctx) => {
      const info = await ctx.services.backups.make(ctx.store.requireOpen().db, 'manual', input.folder)
      await ctx.store.audit({ action: 'backup.now', detail: input.folder ? 'to a chosen folder' : 'to the backup folder' })
      return info
    },
    'backup.inspect': (input, ctx) => ctx.services.backups.inspect(input.file),
    'backup.restore': (input, ctx) => ctx.services.backups.restore(input.file, input.confirmSchoolName),
  },
})
