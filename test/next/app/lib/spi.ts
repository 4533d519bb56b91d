import { createDouyinSpi } from '@douyin-push/core/spi';

// An SPI receiver mounted with the same factories: proves path + query reach core (the SPI
// signature covers the query) through both routers.
export const memberSpi = createDouyinSpi({
  clientSecret: process.env.DOUYIN_CLIENT_SECRET ?? 'unset',
  scenario: 'merchant.member.info.update',
  onError: () => undefined,
  handler: (member, context) => ({
    result: 'success',
    data: { seen_query_note: context.query.get('note') ?? null, open_id: member.open_id },
  }),
});
