// The casting room's home: the kiln board on top, starting a tree, and the room's trees by stage.
import { KilnBoard } from './board/KilnBoard';
import { StartTreeForm } from './board/StartTreeForm';
import { TreeList } from './board/TreeList';
import './board/casting.css';

export function CastingScreen() {
  return (
    <section className="cast-screen">
      <div className="cast-head">
        <h2>Casting room</h2>
        <StartTreeForm />
      </div>
      <KilnBoard />
      <TreeList />
    </section>
  );
}
