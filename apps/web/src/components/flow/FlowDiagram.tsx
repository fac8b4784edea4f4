import '@xyflow/react/dist/style.css';
import { useEffect, useMemo } from 'react';
import { Badge, Box, Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import {
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  useReactFlow,
  useStore,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import { TypeIcon } from '../icons/typeIcons';
import {
  flowLayout,
  type FlowInput,
  type FlowLabels,
  type FlowLayoutOptions,
  type FlowMarkKind,
  type FlowNodeData,
} from './flowLayout';

export interface FlowDiagramProps {
  input: FlowInput;
  labels: FlowLabels;
  cronWords?: FlowLayoutOptions['cronWords'];
  /** Accessible name of the figure. */
  label?: string;
}

type FlowNode = Node<FlowNodeData, 'flow'>;

const MARK_COLORS: Record<FlowMarkKind, string> = {
  delay: 'gray',
  approval: 'yellow',
  condition: 'grape',
  continue: 'gray',
};
const KIND_COLORS: Record<FlowNodeData['kind'], string> = {
  trigger: 'blue',
  and: 'blue',
  action: 'indigo',
  branch: 'grape',
  merge: 'gray',
};
const hidden = { opacity: 0, pointerEvents: 'none' as const };

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} style={hidden} />
      <Handle type="source" position={Position.Bottom} isConnectable={false} style={hidden} />
    </>
  );
}

/** One box of the diagram: icon and catalog label, the step's own title, its marks. */
function FlowNodeView({ data, width, height }: NodeProps<FlowNode>) {
  const color = KIND_COLORS[data.kind];
  if (data.kind === 'merge') {
    return (
      <Box w={width} h={height} bg="gray.5" style={{ borderRadius: '50%' }} aria-hidden="true">
        <Handles />
      </Box>
    );
  }
  if (data.kind === 'and') {
    return (
      <Box
        w={width}
        h={height}
        bg="blue.6"
        c="white"
        style={{ borderRadius: 16, display: 'grid', placeItems: 'center' }}
        title="Both triggers must hold"
      >
        <Text size="xs" fw={700}>
          AND
        </Text>
        <Handles />
      </Box>
    );
  }
  return (
    <Box
      w={width}
      h={height}
      px="xs"
      py={6}
      bg="var(--mantine-color-body)"
      data-kind={data.kind}
      style={{
        border: `1px solid var(--mantine-color-${color}-4)`,
        borderLeft: `4px solid var(--mantine-color-${color}-6)`,
        borderRadius: 6,
        overflow: 'hidden',
        textAlign: 'left',
      }}
    >
      <Group gap={6} wrap="nowrap">
        {data.type && <TypeIcon type={data.type} color={`var(--mantine-color-${color}-7)`} />}
        <Text size="sm" fw={700} truncate="end" c={data.kind === 'branch' ? 'grape.8' : undefined}>
          {data.title}
        </Text>
      </Group>
      {data.detail && (
        <Text size="xs" c="dimmed" lineClamp={data.kind === 'action' ? 1 : 2} title={data.detail}>
          {data.detail}
        </Text>
      )}
      {data.marks.map((mark) => (
        <Badge
          key={mark.kind}
          display="block"
          mt={4}
          size="sm"
          variant="light"
          color={MARK_COLORS[mark.kind]}
          tt="none"
          maw="100%"
          title={mark.text}
        >
          {mark.text}
        </Badge>
      ))}
      <Handles />
    </Box>
  );
}

const nodeTypes = { flow: FlowNodeView };

/**
 * Fits the whole automation into view again when its size changes (a step added, a path opened)
 * or the diagram's box does (a phone turned, a window resized).
 */
function FitOnResize({ width, height }: { width: number; height: number }) {
  const { fitView } = useReactFlow();
  const boxWidth = useStore((state) => state.width);
  const boxHeight = useStore((state) => state.height);
  useEffect(() => {
    void fitView({ padding: 0.1 });
  }, [fitView, width, height, boxWidth, boxHeight]);
  return null;
}

/**
 * A read-only picture of an automation (React Flow): nothing can be dragged, connected or
 * selected; it can be zoomed and panned. The layout is `flowLayout`'s.
 */
export function FlowDiagram({ input, labels, cronWords, label = 'Flow diagram' }: FlowDiagramProps) {
  const layout = useMemo(() => flowLayout(input, labels, { cronWords }), [input, labels, cronWords]);
  const nodes = useMemo<FlowNode[]>(
    () => layout.nodes.map((node) => ({ ...node, draggable: false, selectable: false, focusable: false })),
    [layout],
  );
  const edges = useMemo<Edge[]>(
    () =>
      layout.edges.map((edge) => ({
        ...edge,
        type: 'smoothstep',
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        focusable: false,
        labelBgPadding: [6, 2] as [number, number],
        labelStyle: {
          fontWeight: 700,
          fill: edge.label === 'ELSE' ? 'var(--mantine-color-orange-8)' : 'var(--mantine-color-teal-8)',
        },
      })),
    [layout],
  );
  // As tall as the diagram is once fitted to the box's width (a phone shrinks it), within bounds.
  const { ref, width: boxWidth } = useElementSize();
  const scale = boxWidth > 0 ? Math.min(1, boxWidth / (layout.width + 60)) : 1;
  const height = Math.round(Math.min(Math.max(layout.height * scale + 80, 240), 640));

  return (
    <Box
      ref={ref}
      component="figure"
      m={0}
      aria-label={label}
      h={height}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.1 }}
        minZoom={0.2}
        maxZoom={1.5}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        panOnScroll={false}
        zoomOnScroll={false}
        preventScrolling={false}
        zoomOnDoubleClick={false}
      >
        <Controls showInteractive={false} position="bottom-left" />
        <FitOnResize width={layout.width} height={layout.height} />
      </ReactFlow>
    </Box>
  );
}

export default FlowDiagram;
