export default function Home() {
  return (
    <main>
      <h1>douyin-push + Next.js</h1>
      <p>
        Douyin pushes: <code>POST /api/douyin</code> (App Router) or <code>POST /api/douyin-pages</code> (Pages Router).
      </p>
    </main>
  );
}
