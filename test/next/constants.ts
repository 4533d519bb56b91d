/** The client secret both Next apps under test are started with. */
export const NEXT_SECRET = 'next_contract_secret';
