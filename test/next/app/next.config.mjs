/** @type {import('next').NextConfig} */
const nextConfig = {
  // lib/contract.ts imports the contract suite's receiver kit from ../../contract.
  experimental: { externalDir: true },
};

export default nextConfig;
